import { forAudience, type JwtRejection, JwtVerifier, type PARA_API_URLS, type ParaJwtClaims } from "./jwt-verifier.js";
import type { WalletType } from "./wallet-types.js";

/** Where the key set comes from: a verifier of your own (shared across middleware), a URL, or Para's environment. */
export type KeySource = { verifier: JwtVerifier } | { jwksUrl: string } | { environment: keyof typeof PARA_API_URLS };

export interface BearerRequirements {
  /** Tokens must carry this `aud` (the id of your app's Para API key); another app's token is WRONG_AUDIENCE. */
  audience?: string;
  /** Only these users (Para user ids); anyone else's valid token is USER_NOT_ALLOWED (403). */
  userIds?: Iterable<string>;
  /** The user must have a wallet (`true`) or a wallet of this type; otherwise NO_WALLET (403). */
  wallet?: true | WalletType;
}

export type BearerOptions = KeySource & BearerRequirements;

/** Why a request was refused: the verifier's reason, no token, or a requirement the token's user does not meet. */
export type BearerRejection = JwtRejection | "MISSING_TOKEN" | "USER_NOT_ALLOWED" | "NO_WALLET";

export type BearerOutcome =
  | { ok: true; claims: ParaJwtClaims }
  | { ok: false; status: 401 | 403; reason: BearerRejection; wwwAuthenticate: string; body: BearerErrorBody };

export interface BearerErrorBody {
  error: "invalid_token" | "insufficient_scope";
  error_description: BearerRejection;
}

/** A Para JWT is about 1-2 KB; past this the header is refused unread (as the gateway's `verifyJwt` does). */
const MAX_TOKEN_LENGTH = 16 * 1024;

const refuse = (reason: BearerRejection): BearerOutcome => {
  // RFC 6750: a token that is not good is invalid_token (401); a good one that lacks what the resource
  // needs is insufficient_scope (403).
  const forbidden = reason === "USER_NOT_ALLOWED" || reason === "NO_WALLET";
  const error = forbidden ? "insufficient_scope" : "invalid_token";
  return {
    ok: false,
    status: forbidden ? 403 : 401,
    reason,
    wwwAuthenticate: `Bearer error="${error}", error_description="${reason}"`,
    body: { error, error_description: reason },
  };
};

/**
 * The one check behind every middleware: the `Authorization` header in, the verified claims or the refusal
 * to answer out. Para being unreachable does not refuse a good token: the verifier's last key set serves.
 */
export function createBearerCheck(
  options: BearerOptions,
): (authorization: string | null | undefined) => Promise<BearerOutcome> {
  const verifier =
    "verifier" in options
      ? options.verifier
      : "jwksUrl" in options
        ? new JwtVerifier({ jwksUrl: options.jwksUrl })
        : JwtVerifier.forEnvironment(options.environment);
  const userIds = options.userIds ? new Set(options.userIds) : undefined;
  return async (authorization) => {
    const match = /^Bearer +([^ ]+) *$/i.exec(authorization ?? "");
    const token = match?.[1];
    if (!token) return refuse("MISSING_TOKEN");
    if (token.length > MAX_TOKEN_LENGTH) return refuse("MALFORMED");
    let result = await verifier.verify(token);
    if (options.audience !== undefined) result = forAudience(result, options.audience);
    if (!result.valid || !result.claims) return refuse(result.reason ?? "MALFORMED");
    const { claims } = result;
    if (userIds && !userIds.has(claims.userId)) return refuse("USER_NOT_ALLOWED");
    const { wallet } = options;
    if (wallet && !claims.wallets.some((w) => wallet === true || w.type === wallet)) return refuse("NO_WALLET");
    return { ok: true, claims };
  };
}
