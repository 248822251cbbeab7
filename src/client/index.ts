import type { DocumentNode } from "graphql";
import * as generated from "./generated/graphql.js";

/**
 * Typed documents (TypedDocumentNode) for every operation of the gateway, with their result and
 * variable types: `import { CurrentSessionDocument } from "para-graphql-gateway/client"`.
 */
export * from "./generated/graphql.js";

type WithHash = DocumentNode & { __meta__?: { hash?: string } };

const hashByOperationName = new Map<string, string>();
for (const value of Object.values(generated) as unknown[]) {
  const document = value as WithHash;
  const operation = document?.kind === "Document" ? document.definitions[0] : undefined;
  if (operation?.kind === "OperationDefinition" && operation.name && document.__meta__?.hash) {
    hashByOperationName.set(operation.name.value, document.__meta__.hash);
  }
}

/**
 * The trusted-document id of one of these operations, found by operation name (client libraries may
 * copy or transform the document object). For Apollo Client's PersistedQueryLink `generateHash`.
 */
export function documentIdFor(document: DocumentNode): string {
  const operation = document.definitions.find((d) => d.kind === "OperationDefinition");
  const hash = operation?.name ? hashByOperationName.get(operation.name.value) : undefined;
  if (!hash) throw new Error(`${operation?.name?.value ?? "an anonymous operation"} is not a trusted document`);
  return hash;
}
