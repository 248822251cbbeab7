import {
  createLocalJWKSet,
  decodeProtectedHeader,
  errors,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from "jose";
import { jwksUrlFor, PARA_API_URLS } from "./api-urls.js";
import { RememberedResults } from "./remembered-results.js";
import { isWalletType, type WalletType } from "./wallet-types.js";

export const JWT_REJECTIONS = [
  "MALFORMED",
  "ALGORITHM_NOT_ALLOWED",
  "UNKNOWN_KEY",
  "BAD_SIGNATURE",
  "EXPIRED",
  "NOT_YET_VALID",
  "WRONG_AUDIENCE",
] as const;

/** Why a token was refused; null when it is valid. */
export type JwtRejection = (typeof JWT_REJECTIONS)[number];

/** What a Para JWT says about its user (its `data` claim, with the registered claims beside it). */
export interface ParaJwtClaims {
  userId: string;
  subject: string;
  audience: string | null;
  issuedAt: Date;
  expiresAt: Date;
  authType: string;
  identifier: string;
  email: string | null;
  phone: string | null;
  oAuthMethod: string | null;
  wallets: { id: string; type: WalletType; address: string | null; publicKey: string | null }[];
}

export interface JwtVerification {
  valid: boolean;
  reason: JwtRejection | null;
  keyId: string | null;
  expiresAt: Date | null;
  claims: ParaJwtClaims | null;
}

export interface JwtVerifierOptions {
  /** Where Para publishes its keys: `{PARA_API_URL}/.well-known/jwks.json`. */
  jwksUrl: string;
  /** When set, tokens must carry this `aud` (the id of the app's API key). */
  audience?: string;
  /** Seconds of clock difference forgiven on `exp`, `nbf` and `iat`. */
  clockToleranceSeconds?: number;
  /** How often the key set is refetched in the background. */
  refreshIntervalMs?: number;
  /** The least time between two fetches caused by tokens naming a key the set does not have. */
  unknownKeyCooldownMs?: number;
  /** Deadline of one fetch of the key set. */
  fetchTimeoutMs?: number;
  /** How many valid tokens' results are remembered (see `verify`); 0 turns the memory off. */
  resultCacheSize?: number;
  /** Told of every fetch of the key set: "ok" or "error", with the error. */
  onFetch?: (outcome: "ok" | "error", error?: unknown) => void;
}

export { jwksUrlFor, PARA_API_URLS };

const ALGORITHM = "RS256";

const rejected = (reason: JwtRejection, keyId: string | null = null): JwtVerification => ({
  valid: false,
  reason,
  keyId,
  expiresAt: null,
  claims: null,
});

/**
 * Verifies Para JWTs locally against Para's key set, without a call to Para per token. The key set is
 * fetched once and kept; it is refreshed in the background, and a token naming a key the set lacks
 * triggers at most one refetch per cooldown, shared by every concurrent caller. When Para cannot be
 * reached, the last good key set keeps serving. RS256 only: the algorithm is pinned, so `none`, HS256
 * and the rest are refused before any key is looked up.
 */
export class JwtVerifier {
  private keys: JWTVerifyGetKey | undefined;
  private keyIds = new Set<string>();
  private fetching: Promise<void> | undefined;
  /** When a token naming an unknown key last caused a fetch (start-up and scheduled fetches do not count). */
  private lastUnknownKeyFetchAt = Number.NEGATIVE_INFINITY;
  private readonly remembered: RememberedResults<JwtVerification> | undefined;
  /** The key set each valid answer was checked against: a remembered or reused one counts only while it is current. */
  private readonly checkedWith = new WeakMap<JwtVerification, JWTVerifyGetKey>();
  private readonly timer: ReturnType<typeof setInterval>;
  private nextRefreshAt: number;
  private readonly options: Required<Omit<JwtVerifierOptions, "audience" | "onFetch">> &
    Pick<JwtVerifierOptions, "audience" | "onFetch">;

  constructor(options: JwtVerifierOptions) {
    this.options = {
      clockToleranceSeconds: 5,
      refreshIntervalMs: 10 * 60_000,
      unknownKeyCooldownMs: 30_000,
      fetchTimeoutMs: 5_000,
      resultCacheSize: 1_000,
      ...options,
    };
    if (this.options.resultCacheSize > 0) this.remembered = new RememberedResults(this.options.resultCacheSize);
    this.nextRefreshAt = Date.now() + this.options.refreshIntervalMs;
    this.timer = setInterval(() => {
      this.nextRefreshAt = Date.now() + this.options.refreshIntervalMs;
      void this.refresh().catch(() => {});
    }, this.options.refreshIntervalMs);
    // Node: the refresh must not keep a backend alive. Runtimes without `unref` (workers) have no such issue.
    this.timer.unref?.();
  }

  /** A verifier for a Para environment (`DEV`, `SANDBOX`, `BETA`, `PROD`). */
  static forEnvironment(env: keyof typeof PARA_API_URLS, options: Omit<JwtVerifierOptions, "jwksUrl"> = {}) {
    return new JwtVerifier({ ...options, jwksUrl: jwksUrlFor(PARA_API_URLS[env]) });
  }

  /**
   * An invalid token is an answer (`valid: false` with a reason), never a thrown error. A valid token's
   * result is remembered (the same bytes carry the same signature) until the token expires or the key set
   * changes: the signature check, most of a verification's cost, is paid once per token, not per request.
   */
  async verify(token: string): Promise<JwtVerification> {
    const known = this.remembered?.get(token);
    if (known && this.checkedWith.get(known) === this.keys) return known;
    const result = await this.check(token);
    if (result.valid && result.expiresAt) {
      const ttl = result.expiresAt.getTime() + this.options.clockToleranceSeconds * 1000 - Date.now();
      if (ttl > 0) this.remembered?.set(token, result, ttl);
    }
    return result;
  }

  /**
   * How long a caller may reuse this answer without asking again, ms: a valid one until the token expires
   * (with the clock tolerance) or the next scheduled refresh of the key set, whichever is first, so a
   * reused answer keeps the bound on retired keys (one refresh interval). Not at all for an invalid one,
   * one checked against a key set since replaced, or while a fetch of the set is in flight.
   */
  reusableForMs(result: JwtVerification): number {
    if (!result.valid || !result.expiresAt) return 0;
    if (this.fetching || this.checkedWith.get(result) !== this.keys) return 0;
    const now = Date.now();
    const expiry = result.expiresAt.getTime() + this.options.clockToleranceSeconds * 1000;
    return Math.max(0, Math.min(expiry, this.nextRefreshAt) - now);
  }

  /** The verification; a valid one is recorded with the key set it was checked against. */
  private async check(token: string): Promise<JwtVerification> {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      return rejected("MALFORMED");
    }
    const keyId = typeof header.kid === "string" ? header.kid : null;
    if (header.alg !== ALGORITHM) return rejected("ALGORITHM_NOT_ALLOWED", keyId);
    if (keyId === null || !(await this.hasKey(keyId))) return rejected("UNKNOWN_KEY", keyId);
    const keys = this.keys as JWTVerifyGetKey;
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: [ALGORITHM],
        audience: this.options.audience,
        clockTolerance: this.options.clockToleranceSeconds,
      });
      const claims = readClaims(payload);
      if (!claims) return rejected("MALFORMED", keyId);
      const result: JwtVerification = { valid: true, reason: null, keyId, expiresAt: claims.expiresAt, claims };
      this.checkedWith.set(result, keys);
      return result;
    } catch (error) {
      return rejected(reasonOf(error), keyId);
    }
  }

  /** Stops the background refresh. */
  close(): void {
    clearInterval(this.timer);
  }

  /** Whether the set has this key, fetching it first when there is none yet or (past the cooldown) it lacks the key. */
  private async hasKey(keyId: string): Promise<boolean> {
    if (this.keyIds.has(keyId)) return true;
    // A fetch in flight is joined; otherwise a new one unless another unknown key caused one within the cooldown
    // (a key rotated just after a scheduled fetch is still found at once).
    // The first fetch (no set yet) is the start-up's, not an unknown key's.
    if (!this.fetching && this.keys) {
      if (Date.now() - this.lastUnknownKeyFetchAt < this.options.unknownKeyCooldownMs) return false;
      this.lastUnknownKeyFetchAt = Date.now();
    }
    await this.refresh().catch(() => {});
    return this.keyIds.has(keyId);
  }

  /** Fetches the key set; one fetch at a time, whoever asks. A failed fetch keeps the last good set. */
  private refresh(): Promise<void> {
    this.fetching ??= (async () => {
      try {
        const res = await fetch(this.options.jwksUrl, { signal: AbortSignal.timeout(this.options.fetchTimeoutMs) });
        if (!res.ok) throw new Error(`JWKS answered HTTP ${res.status}`);
        const jwks = (await res.json()) as JSONWebKeySet;
        if (!Array.isArray(jwks?.keys)) throw new Error("JWKS answer has no keys");
        this.keys = createLocalJWKSet(jwks);
        this.keyIds = new Set(jwks.keys.map((k) => k.kid).filter((kid): kid is string => typeof kid === "string"));
        this.options.onFetch?.("ok");
      } catch (error) {
        this.options.onFetch?.("error", error);
        throw error;
      } finally {
        this.fetching = undefined;
      }
    })();
    return this.fetching;
  }
}

/**
 * The verification as an app that accepts only tokens issued to `audience` (its API key's id) sees it: a
 * valid token issued to another app is WRONG_AUDIENCE. For a verifier that also serves checks where any
 * audience is right (the gateway verifies the tokens Para issues to its own key at import).
 */
export function forAudience(result: JwtVerification, audience: string): JwtVerification {
  if (!result.valid || result.claims?.audience === audience) return result;
  return rejected("WRONG_AUDIENCE", result.keyId);
}

function reasonOf(error: unknown): JwtRejection {
  if (error instanceof errors.JWTExpired) return "EXPIRED";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "aud") return "WRONG_AUDIENCE";
    if (error.claim === "nbf" || error.claim === "iat") return "NOT_YET_VALID";
    return "MALFORMED";
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return "BAD_SIGNATURE";
  if (error instanceof errors.JOSEAlgNotAllowed) return "ALGORITHM_NOT_ALLOWED";
  if (error instanceof errors.JWKSNoMatchingKey) return "UNKNOWN_KEY";
  return "MALFORMED";
}

const text = (v: unknown) => (typeof v === "string" ? v : null);

/** The claims of a verified payload; null when it lacks what every Para JWT carries. */
function readClaims(payload: JWTPayload): ParaJwtClaims | null {
  const data = payload.data as Record<string, unknown> | undefined;
  const userId = text(data?.userId);
  if (!data || !userId || typeof payload.exp !== "number" || payload.sub !== userId) return null;
  const wallets = Array.isArray(data.wallets) ? (data.wallets as Record<string, unknown>[]) : [];
  return {
    userId,
    subject: payload.sub,
    audience: Array.isArray(payload.aud) ? (payload.aud[0] ?? null) : (payload.aud ?? null),
    issuedAt: new Date((payload.iat ?? 0) * 1000),
    expiresAt: new Date(payload.exp * 1000),
    authType: text(data.authType) ?? "",
    identifier: text(data.identifier) ?? "",
    email: text(data.email),
    phone: text(data.phone),
    oAuthMethod: text(data.oAuthMethod),
    wallets: wallets
      .filter((w) => text(w.id) && isWalletType(w.type))
      .map((w) => ({
        id: w.id as string,
        type: w.type as WalletType,
        address: text(w.address),
        publicKey: text(w.publicKey),
      })),
  };
}
