import { usePersistedOperations } from "@graphql-yoga/plugin-persisted-operations";
import { createGraphQLError, type Plugin } from "graphql-yoga";
import type { ApqStore } from "../documents/apq-store.js";
import { documentIdOf } from "../documents/document-id.js";
import type { TrustedDocuments } from "../documents/trusted-documents.js";

/** What a client should do about a hash nothing has: in `only` mode register it, in `allow` mode send the text. */
const NOT_FOUND_ADVICE = {
  only: "Register the frontend's manifest with the gateway (npm run documents:add <manifest>, or a file in TRUSTED_DOCUMENTS_DIR; docs/frontends.md, Trusted documents).",
  allow:
    "Send the operation's text with its hash once (Apollo's PersistedQueryLink does), and the gateway keeps it; or register the frontend's manifest (npm run documents:add).",
};

const refusal = (message: string, code: string) => ({ message, extensions: { code, http: { status: 400 } } });

/**
 * Trusted documents: requests name a document by its hash, as `documentId` or as Apollo's
 * `extensions.persistedQuery.sha256Hash`. With `only`, nothing else runs (except for a request
 * `mayRunAnything` lets through: a federation router's query plans), and a hash the gateway does not
 * know is PERSISTED_QUERY_NOT_FOUND whether or not the text came along (Apollo's PersistedQueryLink
 * sends it on its retry): the client did send a hash, and registering that document is what helps.
 * With `allow` and an APQ store, a text that came with its own hash is kept, so the next request of it
 * needs only the hash (Automatic Persisted Queries); `only` never keeps a text a client sent.
 */
export function useTrustedDocuments(
  mode: "allow" | "only",
  documents: TrustedDocuments,
  options: { apq?: ApqStore; mayRunAnything?: (request: Request) => boolean } = {},
): Plugin {
  const { apq, mayRunAnything } = options;
  const notFound = refusal(
    `PersistedQueryNotFound: no trusted document has this hash. ${NOT_FOUND_ADVICE[mode]}`,
    "PERSISTED_QUERY_NOT_FOUND",
  );
  const persisted = usePersistedOperations({
    getPersistedOperation: (hash) => apq?.get(hash) ?? documents.get(hash),
    allowArbitraryOperations: mode === "allow" || (mayRunAnything ?? false),
    extractPersistedOperationId: documentIdOf,
    customErrors: {
      notFound,
      persistedQueryOnly: refusal(
        "This gateway runs only trusted documents (PERSISTED_OPERATIONS=only): send the operation's hash as documentId, not its text.",
        "PERSISTED_QUERY_ONLY",
      ),
      keyNotFound: refusal("The request has neither a query nor a documentId.", "BAD_REQUEST"),
    },
  }) as Plugin;
  /** A request that carries both a text and a hash, before the persisted-operations plugin sees it. */
  const textWithHash: Plugin = {
    async onParams({ params, setParams }) {
      const id = documentIdOf(params);
      if (typeof params.query !== "string" || id === null) return;
      if (mode === "allow") {
        apq?.keep(id, params.query);
        return;
      }
      if ((await documents.get(id)) === null) throw createGraphQLError(notFound.message, notFound);
      // A trusted document: it runs by its hash, whatever text came with it.
      setParams({ ...params, query: undefined });
    },
  };
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(textWithHash);
      addPlugin(persisted);
    },
  };
}
