import { type DocumentNode, parse, print, visit } from "graphql";
import * as generated from "./generated/graphql.js";

/**
 * Typed documents (TypedDocumentNode) for every operation of the gateway, with their result and
 * variable types: `import { CurrentSessionDocument } from "para-graphql-gateway/client"`.
 */
export * from "./generated/graphql.js";

type DocumentId = (document: DocumentNode) => string;

const operationName = (document: DocumentNode) =>
  document.definitions.find((d) => d.kind === "OperationDefinition")?.name?.value ?? "an anonymous operation";

/**
 * A document's content, for comparison: printed, without `__typename` fields, which code generators and
 * Apollo Client's cache add in different places.
 */
const contentOf = (document: DocumentNode) =>
  print(visit(document, { Field: (node) => (node.name.value === "__typename" ? null : undefined) }));

/**
 * A lookup from a document to its trusted-document id, by content, so that a copy or a transformed
 * object (Apollo Client makes both) finds its id, and a different document of the same name finds none
 * and fails loudly instead of running another document.
 */
function lookup(byText: Map<string, string>): DocumentId {
  return (document) => {
    const id = byText.get(contentOf(document));
    if (!id)
      throw new Error(`${operationName(document)} is not a trusted document: register its manifest with the gateway`);
    return id;
  };
}

/**
 * The id lookup for a frontend's own manifest (Code Generator's client preset with `persistedDocuments`,
 * `{ "sha256:…": "document" }`): for Apollo Client's `PersistedQueryLink({ generateHash })`.
 */
export function documentIdFrom(manifest: Record<string, string>): DocumentId {
  const byText = new Map<string, string>();
  for (const [key, body] of Object.entries(manifest)) byText.set(contentOf(parse(body)), key.replace(/^sha256:/, ""));
  return lookup(byText);
}

/** The trusted-document id of one of the gateway's own operations (the typed documents above). */
export const documentIdFor: DocumentId = lookup(
  new Map(
    (Object.values(generated) as unknown[])
      .filter(
        (d): d is DocumentNode & { __meta__: { hash: string } } =>
          typeof (d as { __meta__?: { hash?: unknown } })?.__meta__?.hash === "string",
      )
      .map((d) => [contentOf(d), d.__meta__.hash]),
  ),
);
