import type { DocumentNode } from "graphql";

/**
 * A document's trusted-document id: the hash Code Generator's client preset (`persistedDocuments`)
 * wrote into it (`__meta__.hash`) and into the manifest the gateway registered. Read, never
 * recomputed: the manifest holds each document printed with its selections sorted, so hashing the
 * document's own text would give another id for most operations. Apollo Client keeps `__meta__` on
 * the documents it transforms.
 */
export function documentIdFor(document: DocumentNode): string {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  if (typeof hash === "string") return hash;
  const name = document.definitions.find((d) => d.kind === "OperationDefinition")?.name?.value;
  throw new Error(
    `${name ?? "An anonymous operation"} has no trusted-document hash: generate it with Code Generator's client preset and \`persistedDocuments\`, and register its manifest with the gateway.`,
  );
}
