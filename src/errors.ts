import { GraphQLError } from "graphql";

// One list of codes, shared with the client package so frontends branch on the same union.
import type { OperationErrorCode as ErrorCode } from "./client/error-codes.js";

/** An error the client should see: its message says what to do, `extensions.code` says what happened. */
export class GatewayError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }

  get code(): ErrorCode {
    return this.extensions.code as ErrorCode;
  }
}

export const badInput = (message: string, field?: string) =>
  new GatewayError("BAD_USER_INPUT", message, field ? { field } : {});

/** `cookieName`: the session cookie's name as configured (`__Host-para_session` in production), as browsers hold it. */
export const unauthenticated = (cookieName: string) =>
  new GatewayError(
    "UNAUTHENTICATED",
    `This request carries no session. Import one with importSession and send its sessionToken as \`Authorization: Bearer <token>\` (or the ${cookieName} cookie, which importSession sets).`,
  );

export const unknownSession = () =>
  new GatewayError(
    "UNAUTHENTICATED",
    "The session token is unknown, or its session was ended or has expired. Import the session again with importSession.",
  );

export const sessionExpired = () =>
  new GatewayError(
    "SESSION_EXPIRED",
    "Para does not recognise this session: it expired, was logged out, or belongs to another Para app. Have the user log in again, then import the new session.",
  );
