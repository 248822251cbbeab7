/** Codes an operation's resolvers answer with, in `errors[].extensions.code`. */
export const OPERATION_ERROR_CODES = [
  "BAD_USER_INPUT",
  "UNAUTHENTICATED",
  "SESSION_EXPIRED",
  "NOT_CONFIGURED",
  "UPSTREAM_UNAVAILABLE",
  "UPSTREAM_ERROR",
  "RATE_LIMITED",
  "LIMIT_EXCEEDED",
  "FORBIDDEN",
  "INTERNAL_SERVER_ERROR",
] as const;

/** Codes the gateway answers with before an operation runs: the request itself was refused. */
export const REQUEST_ERROR_CODES = [
  "QUERY_TOO_COMPLEX",
  "BAD_REQUEST",
  "UNSUPPORTED_MEDIA_TYPE",
  "REQUEST_ENTITY_TOO_LARGE",
  "LENGTH_REQUIRED",
  "DOCUMENT_TOO_LARGE",
  "FORBIDDEN_HOST",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_ONLY",
] as const;

export type OperationErrorCode = (typeof OPERATION_ERROR_CODES)[number];
/** Every `extensions.code` the gateway answers with. */
export type ErrorCode = OperationErrorCode | (typeof REQUEST_ERROR_CODES)[number];
