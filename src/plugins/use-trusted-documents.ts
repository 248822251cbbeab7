import { usePersistedOperations } from "@graphql-yoga/plugin-persisted-operations";
import type { Plugin } from "graphql-yoga";
import { documentIdOf } from "../documents/document-id.js";
import type { TrustedDocuments } from "../documents/trusted-documents.js";

/**
 * Trusted documents: requests name a document by its hash, as `documentId` or as Apollo's
 * `extensions.persistedQuery.sha256Hash`. With `only`, nothing else runs, except for a request
 * `mayRunAnything` lets through (a federation router's query plans).
 */
export function useTrustedDocuments(
  mode: "allow" | "only",
  documents: TrustedDocuments,
  mayRunAnything?: (request: Request) => boolean,
): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (hash) => documents.get(hash),
    allowArbitraryOperations: mode === "allow" || (mayRunAnything ?? false),
    extractPersistedOperationId: documentIdOf,
    customErrors: {
      notFound: {
        message:
          "PersistedQueryNotFound: no trusted document has this hash. Register your client's manifest with the gateway (npm run documents:add, or TRUSTED_DOCUMENTS_DIR).",
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
