import type { GraphQLParams } from "graphql-yoga";

/**
 * The ids a request names a trusted document by, in the order they count: `documentId`, then Apollo's
 * `extensions.persistedQuery.sha256Hash`; each as the client sent it (undefined when absent, not yet checked).
 */
export function documentIdsOf(params: GraphQLParams): [documentId: unknown, persistedHash: unknown] {
  const persisted = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return [(params as { documentId?: unknown }).documentId, persisted?.sha256Hash];
}

/** The id that names the request's document: the first of documentIdsOf that is a string, else null. */
export function documentIdOf(params: GraphQLParams): string | null {
  const id = documentIdsOf(params).find((candidate) => typeof candidate === "string");
  return (id as string | undefined) ?? null;
}

/** A document id as a bare SHA-256: without the `sha256:` prefix Code Generator's ids carry. */
export const bareHash = (id: string): string => id.replace(/^sha256:/, "");
