import { randomUUID } from "node:crypto";
import { getOperationAST, parse } from "graphql";
import type { GraphQLParams, Plugin } from "graphql-yoga";
import { LRUCache } from "lru-cache";
import type { Logger } from "../runtime/logger.js";

const ids = new WeakMap<Request, string>();
const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The request's id: the caller's `x-request-id` when it is a sane one, else a new UUID. */
export function requestIdOf(request: Request): string {
  let id = ids.get(request);
  if (!id) {
    const given = request.headers.get("x-request-id");
    id = given && SAFE_ID.test(given) ? given : randomUUID();
    ids.set(request, id);
  }
  return id;
}

const names = new LRUCache<string, string>({ max: 256 });

/** The operation's name, read from its document once per document (for answers that did not run). */
function operationNameOf({ query, operationName }: GraphQLParams): string {
  const key = `${operationName ?? ""}\n${query ?? ""}`;
  let name = names.get(key);
  if (name === undefined) {
    name = (query && getOperationAST(parse(query), operationName)?.name?.value) || "anonymous";
    names.set(key, name);
  }
  return name;
}

/** The log line of an answer the answer cache served again: like any operation's, with `reused: true`. */
export function logReusedAnswer(logger: Logger, request: Request, params: GraphQLParams): void {
  if (!logger.isLevelEnabled("info")) return;
  logger.info({ reqId: requestIdOf(request), operation: operationNameOf(params), ms: 0, reused: true }, "operation");
}

/**
 * One log line per GraphQL operation (name, duration, error codes, request id) and the request id
 * echoed in `x-request-id`. Variables are never logged: they carry session blobs.
 */
export function useRequestLog(logger: Logger): Plugin {
  return {
    onExecute({ args }) {
      if (!logger.isLevelEnabled("info")) return;
      const started = performance.now();
      const request = (args.contextValue as { request: Request }).request;
      return {
        onExecuteDone({ result }) {
          const errors = "errors" in result ? (result.errors ?? []) : [];
          const codes = errors.map((e) => (e.extensions?.code as string | undefined) ?? "UNKNOWN");
          logger.info(
            {
              reqId: requestIdOf(request),
              operation: getOperationAST(args.document, args.operationName)?.name?.value ?? "anonymous",
              ms: Math.round(performance.now() - started),
              ...(codes.length > 0 ? { codes } : {}),
            },
            "operation",
          );
        },
      };
    },
    onResponse({ request, response }) {
      response.headers.set("x-request-id", requestIdOf(request));
    },
  };
}
