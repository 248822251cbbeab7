import type { CodegenConfig } from "@graphql-codegen/cli";
import { addTypenameSelectionDocumentTransform } from "@graphql-codegen/client-preset";

/**
 * Typed documents (TypedDocumentNode) for every operation in schema/operations, and the persisted
 * documents manifest (hash → document) the gateway serves in trusted-documents mode.
 * __typename is added at generation time, so the documents are exactly what Apollo Client sends.
 */
const config: CodegenConfig = {
  schema: "schema/schema.graphql",
  emitLegacyCommonJSImports: false,
  documents: "schema/operations/*.graphql",
  generates: {
    "src/client/generated/": {
      preset: "client",
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: "sha256" } },
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: { scalars: { DateTime: "string" }, useTypeImports: true, enumsAsTypes: true, skipTypename: false },
    },
  },
};

export default config;
