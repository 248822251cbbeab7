import type { CodegenConfig } from "@graphql-codegen/cli";
import { addTypenameSelectionDocumentTransform } from "@graphql-codegen/client-preset";

// Typed documents for this app's own operations, and their manifest (hash → document) to register
// with the gateway: a production gateway runs registered documents only.
const config: CodegenConfig = {
  schema: "node_modules/para-graphql-gateway-client/schema.graphql",
  documents: "src/**/*.graphql",
  generates: {
    "gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: "sha256" } },
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: { scalars: { DateTime: "string" }, useTypeImports: true, enumsAsTypes: true },
    },
  },
};

export default config;
