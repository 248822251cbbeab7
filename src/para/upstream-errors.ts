import { GatewayError } from "../errors.js";

/** Network-level failures: Para could not be reached or did not answer in time. */
const UNREACHABLE_CODES = new Set([
  "ERR_NETWORK",
  "ECONNABORTED",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ERR_CANCELED",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);

export const upstreamUnavailable = (what: string) =>
  new GatewayError("UPSTREAM_UNAVAILABLE", `Para could not be reached (${what}). Try again shortly.`);

export const upstreamError = (what: string) =>
  new GatewayError(
    "UPSTREAM_ERROR",
    `Para answered with an error (${what}). Try again; if it persists, check Para's status.`,
  );

/**
 * A 4xx that what the client sent caused (its session cookie too large, a body Para will not read): the
 * client's error, never Para's, so never retried and never counted by a breaker that every user shares.
 * 408 and 429 are Para's side (slow, or shedding load), and count like outages.
 */
export const isClientCaused = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

export const refusedByPara = (what: string, status: number) =>
  new GatewayError(
    "BAD_USER_INPUT",
    `Para refused what this request sent (${what}: HTTP ${status}). Pass exactly what the client SDK exported.`,
  );

function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

function errorCodeOf(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * What a failed call to Para means for the client. `onAuthRejected` names the meaning of a 401/403
 * for this call (an expired session, or a rejected API key), `onBadRequest` that of a 400 where the
 * client's input caused it; anything else is an outage or an error.
 */
export function toGatewayError(
  error: unknown,
  what: string,
  meaning: { onAuthRejected: () => GatewayError; onBadRequest?: () => GatewayError },
): GatewayError {
  if (error instanceof GatewayError) return error;
  const status = httpStatusOf(error);
  if (status === 401 || status === 403) return meaning.onAuthRejected();
  if (status === 400 && meaning.onBadRequest) return meaning.onBadRequest();
  if (status !== undefined && isClientCaused(status)) return refusedByPara(what, status);
  if (status !== undefined) return upstreamError(`${what}: HTTP ${status}`);
  const code = errorCodeOf(error);
  if (code !== undefined && UNREACHABLE_CODES.has(code)) return upstreamUnavailable(`${what}: ${code}`);
  // No status and no network code: the SDK failed locally (on odd input, or a bug). Not Para's failure,
  // so it is neither retried nor counted by a breaker; details stay in the log.
  return new GatewayError("INTERNAL_SERVER_ERROR", `The gateway could not complete ${what}.`);
}
