import type { ErrorCode } from "./error-codes.js";

/** The gateway could not be reached, or answered with something that is not GraphQL. */
export type ClientErrorCode = ErrorCode | "NETWORK_ERROR";

/** Codes that say nothing about the session: the gateway or Para could not answer. */
const OUTAGE_CODES: readonly ClientErrorCode[] = ["NETWORK_ERROR", "UPSTREAM_UNAVAILABLE", "UPSTREAM_ERROR"];

/** An error the gateway answered with (or a failure to reach it), with its code to branch on. */
export class ParaGatewayError extends Error {
  override readonly name = "ParaGatewayError";

  constructor(
    readonly code: ClientErrorCode,
    message: string,
    /** The HTTP status, when the gateway answered. */
    readonly status?: number,
  ) {
    super(message);
  }

  /** An outage: the session may well be fine; ask again later. */
  get isOutage(): boolean {
    return OUTAGE_CODES.includes(this.code);
  }

  /** The first error of a GraphQL answer's `errors`. */
  static fromErrors(errors: readonly { message: string; extensions?: { [key: string]: unknown } }[], status?: number) {
    const first = errors[0];
    const code = typeof first?.extensions?.code === "string" ? first.extensions.code : "INTERNAL_SERVER_ERROR";
    return new ParaGatewayError(
      code as ClientErrorCode,
      first?.message ?? "The gateway answered with an error.",
      status,
    );
  }
}
