/**
 * The client package (`para-graphql-gateway-client`): typed documents (TypedDocumentNode) for every
 * operation of the gateway with their result and variable types, their trusted-document ids, the
 * error codes, and the session client. React and Apollo Client wiring are the `/react` and `/apollo`
 * subpaths.
 */
export { documentIdFor } from "./document-id.js";
export { type ErrorCode, OPERATION_ERROR_CODES, REQUEST_ERROR_CODES } from "./error-codes.js";
export { type ClientErrorCode, ParaGatewayError } from "./gateway-error.js";
export * from "./generated/graphql.js";
export type { KeepAlivePolicy } from "./session/keep-alive-policy.js";
export {
  type ClientSession,
  SessionClient,
  type SessionClientEvent,
  type SessionClientOptions,
  type SessionState,
  type SessionStatus,
} from "./session/session-client.js";
export type { TokenStorage } from "./session/token-storage.js";
export type { SessionMode } from "./session/transport.js";
