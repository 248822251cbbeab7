import type { CodegenConfig } from "@graphql-codegen/cli";

// Placeholder until the typed-client issue: the schema is printed to schema/schema.graphql.
const config: CodegenConfig = {
  schema: "schema/schema.graphql",
  documents: "schema/operations/*.graphql",
  generates: {},
};

export default config;
