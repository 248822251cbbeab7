import { createHash } from "node:crypto";
import { createInMemoryCache, useResponseCache } from "@graphql-yoga/plugin-response-cache";
import { type DocumentNode, type GraphQLSchema, getOperationAST, Kind } from "graphql";
import type { GraphQLParams, Plugin } from "graphql-yoga";
import type { Context } from "../context.js";

const SERVED_FROM_CACHE = Symbol.for("servedFromResponseCache");
/** Larger answers are not kept (a list of addresses echoes what the caller sent): the cache holds at most size × this. */
const MAX_ANSWER_BYTES = 16_384;

const isReusedAnswer = (result: unknown): boolean =>
  typeof result === "object" && result !== null && SERVED_FROM_CACHE in result;

export interface AnswerCacheOptions {
  schema: GraphQLSchema;
  /** Answers kept, least recently used dropped first. */
  size: number;
  /** The Query fields whose answers may be reused; any other root field makes an operation one-off. */
  reusable: string[];
  /** Whether the request showed a gateway key: answers run with one are served only to callers with one. */
  isBackend: (request: Request) => boolean;
  /** Told of each answer served from the cache, with the operation's parameters (it did not run). */
  onHit: (request: Request, params: GraphQLParams) => void;
}

/**
 * Whether an operation's answer could ever be kept: a query whose root fields are all reusable. Anything
 * else (a mutation, a session, a fragment at the root) is one-off.
 */
function mayBeKept(document: DocumentNode, operationName: string | null | undefined, reusable: Set<string>): boolean {
  const operation = getOperationAST(document, operationName);
  return (
    operation?.operation === "query" &&
    operation.selectionSet.selections.every(
      (s) => s.kind === Kind.FIELD && (reusable.has(s.name.value) || s.name.value === "__typename"),
    )
  );
}

/**
 * Whole answers of the verify operations, served again without running the operation: The Guild's
 * response cache, looked up right after the trusted-document check, before parsing, validation, the
 * context and execution (most of a cheap operation's cost). How long an answer may be reused is what its
 * resolvers said (`reusableFor`), never a fixed TTL: a wallet's answer while the wallet cache keeps it, a
 * JWT's until it expires or the key set is due for a refresh. Answers with errors are never kept, and a
 * document that asks anything else (a session, say) is not kept at all. The cache key is the document,
 * its variables and whether the caller showed a gateway key, so an answer reaches only callers who could
 * have had it run.
 */
export function useAnswerCache(options: AnswerCacheOptions): Plugin {
  const reusable = new Set(options.reusable);
  const queryFields = Object.keys(options.schema.getQueryType()?.getFields() ?? {});
  const ttlPerSchemaCoordinate = Object.fromEntries(
    queryFields.map((field) => [`Query.${field}`, reusable.has(field) ? Number.POSITIVE_INFINITY : 0]),
  );
  // The parameters as the trusted-document check left them (with the document's text), for onHit.
  const paramsOf = new WeakMap<object, GraphQLParams>();
  // Operations that can never be kept skip the cache's work around execution (a second key over the
  // variables, fields added to the document and stripped from the answer, the answer's size check, and
  // an ETag for an answer nobody will ask for again): marked before the cache's own onExecute runs.
  const oneOff = new WeakSet<object>();
  return {
    onPluginInit({ addPlugin }) {
      // Without the plugin's onRequest: it answers a matching If-None-Match with 304 on any request, before
      // any check, which would tell a caller without a gateway key what backends asked about lately.
      const { onRequest: _conditionalRequests, ...responseCache } = useResponseCache({
        cache: createInMemoryCache({ max: options.size }),
        session: (request) => (options.isBackend(request) ? "backend" : "anyone"),
        enabled: (_request, context) => !oneOff.has(context),
        // The plugin's default key is the same digest through WebCrypto: asynchronous, a thread-pool job
        // on every request. Variables in the order sent: another order is a miss, never a wrong answer.
        buildResponseCacheKey: ({ documentString, operationName, variableValues, sessionId }) =>
          createHash("sha256")
            .update(JSON.stringify([documentString, operationName ?? "", variableValues ?? {}, sessionId ?? ""]))
            .digest("hex"),
        // Errors are never kept, nor answers larger than MAX_ANSWER_BYTES.
        shouldCacheResult: ({ result }) =>
          !result.errors?.length && JSON.stringify(result.data ?? null).length <= MAX_ANSWER_BYTES,
        ttl: 0,
        ttlPerSchemaCoordinate,
        onTtl: ({ ttl, context }) => Math.min(ttl, (context as Partial<Context>).gateway?.answerReusableMs ?? 0),
        invalidateViaMutation: false,
        includeExtensionMetadata: false,
      });
      addPlugin(responseCache as Plugin);
    },
    onParams({ params, context }) {
      paramsOf.set(context, params);
    },
    onExecute({ args }) {
      if (!mayBeKept(args.document, args.operationName, reusable)) oneOff.add(args.contextValue);
    },
    onExecutionResult({ result, request, context }) {
      const params = paramsOf.get(context);
      if (params && isReusedAnswer(result)) options.onHit(request, params);
    },
  };
}
