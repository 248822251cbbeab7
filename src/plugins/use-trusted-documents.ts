import { usePersistedOperations } from "@graphql-yoga/plugin-persisted-operations";
import type { Plugin } from "graphql-yoga";
// Imported, not read from a path: the build then carries the manifest along into dist/.
import manifest from "../client/generated/persisted-documents.json" with { type: "json" };

/** The persisted-documents manifest `npm run codegen` writes, by hash (with or without its `sha256:` prefix). */
function loadManifest(): Map<string, string> {
  const byHash = new Map<string, string>();
  for (const [key, document] of Object.entries(manifest)) {
    byHash.set(key, document);
    byHash.set(key.replace(/^sha256:/, ""), document);
  }
  return byHash;
}

/**
 * Trusted documents: requests may name an operation of the manifest by hash, as `documentId` or as
 * Apollo's `extensions.persistedQuery.sha256Hash`. With `only`, nothing else runs.
 */
export function useTrustedDocuments(mode: "allow" | "only"): Plugin {
  const manifest = loadManifest();
  return usePersistedOperations({
    getPersistedOperation: (hash) => manifest.get(hash) ?? null,
    allowArbitraryOperations: mode === "allow",
    extractPersistedOperationId: (params) => {
      const documentId = (params as { documentId?: unknown }).documentId;
      if (typeof documentId === "string") return documentId;
      const persisted = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)
        ?.persistedQuery;
      return typeof persisted?.sha256Hash === "string" ? persisted.sha256Hash : null;
    },
    customErrors: {
      notFound: {
        message:
          "PersistedQueryNotFound: no trusted document has this hash. Regenerate your client with `npm run codegen`.",
        extensions: { code: "PERSISTED_QUERY_NOT_FOUND", http: { status: 400 } },
      },
      persistedQueryOnly: {
        message:
          "This gateway runs only trusted documents (PERSISTED_OPERATIONS=only): send the operation's hash as documentId, not its text.",
        extensions: { code: "PERSISTED_QUERY_ONLY", http: { status: 400 } },
      },
      keyNotFound: {
        message: "The request has neither a query nor a documentId.",
        extensions: { code: "BAD_REQUEST", http: { status: 400 } },
      },
    },
  }) as Plugin;
}
