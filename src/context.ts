import type { IncomingMessage } from "node:http";
import DataLoader from "dataloader";
import type { YogaInitialContext } from "graphql-yoga";
import pLimit from "p-limit";
import type { Config } from "./config.js";
import { unauthenticated, unknownSession } from "./errors.js";
import type { Logger } from "./logger.js";
import type { ParaPool } from "./para/para-pool.js";
import { ParaSession } from "./para/para-session.js";
import { cookieExpiry, withSessionCookie } from "./para/session-blob.js";
import type { Upstream } from "./para/upstream.js";
import type { VerifyApi } from "./para/verify-api.js";
import type { WalletVerifications } from "./para/wallet-verifications.js";
import { setResponseCookie } from "./plugins/use-response-cookies.js";
import type { LimitKind, RateLimits } from "./rate-limits.js";
import {
  clearedSessionCookieHeader,
  type RequestToken,
  sessionCookieHeader,
  sessionTokenFrom,
} from "./session-token.js";
import { type SessionStore, type StoredSession, sessionRecordId } from "./store/session-store.js";

/** What lives as long as the server: shared by every request. */
export interface Services {
  config: Config;
  store: SessionStore;
  verifyApi: VerifyApi;
  wallets: WalletVerifications;
  upstream: Upstream;
  paraPool: ParaPool;
  rateLimits: RateLimits;
  logger: Logger;
}

export interface AttachedSession {
  token: string;
  stored: StoredSession;
}

/**
 * Per-request state. Nothing here outlives the request: the Para instance is created on first need and
 * dropped with the context, and the loaders cache only within this operation.
 */
export class RequestContext {
  private readonly requestToken: RequestToken | undefined;
  private attached?: Promise<AttachedSession | undefined>;
  private para?: Promise<ParaSession>;
  private walletLoader?: DataLoader<string, string | null>;

  constructor(
    readonly services: Services,
    readonly request: Request,
    /** The client's address, for per-client rate limits. */
    readonly clientAddress: string,
  ) {
    this.requestToken = sessionTokenFrom(request.headers);
  }

  /** Wallet verifications by address: deduplicated within the operation, at most PARA_CONCURRENCY at once. */
  get walletIds(): DataLoader<string, string | null> {
    if (!this.walletLoader) {
      const { wallets, config } = this.services;
      const limit = pLimit(config.para.concurrency);
      this.walletLoader = new DataLoader((addresses: readonly string[]) =>
        Promise.all(addresses.map((address) => limit(() => wallets.walletId(address).catch((e: Error) => e)))),
      );
    }
    return this.walletLoader;
  }

  /** The stored session this request carries, read from the store once however many fields ask. */
  session(): Promise<AttachedSession | undefined> {
    this.attached ??= (async () => {
      if (!this.requestToken) return undefined;
      // Counted by the handle's digest: the handle itself never reaches the rate-limit store.
      await this.limit("session", sessionRecordId(this.requestToken.token));
      const stored = await this.services.store.get(this.requestToken.token);
      if (!stored) throw unknownSession();
      return { token: this.requestToken.token, stored };
    })();
    return this.attached;
  }

  /** Spends one unit of this client's (or session's) per-minute budget, or throws RATE_LIMITED. */
  limit(kind: LimitKind, key: string = this.clientAddress): Promise<void> {
    return this.services.rateLimits.consume(kind, key);
  }

  async requireSession(): Promise<AttachedSession> {
    const attached = await this.session();
    if (!attached) throw unauthenticated();
    return attached;
  }

  /** The request's session imported into a fresh Para instance, created on first need. */
  paraSession(): Promise<ParaSession> {
    this.para ??= this.requireSession().then(({ stored }) =>
      ParaSession.open(this.services.paraPool, this.services.upstream, stored.blob),
    );
    return this.para;
  }

  /** Stores a session imported by this request and hands its handle to the browser as a cookie too. */
  async attachNew(stored: StoredSession, para: ParaSession): Promise<AttachedSession> {
    const token = await this.services.store.create(stored);
    this.attached = Promise.resolve({ token, stored });
    this.para = Promise.resolve(para);
    this.setCookie(token, stored.expiresAt);
    return { token, stored };
  }

  /** Keeps the renewed cookie when Para extended the session, so the stored blob stays importable. */
  async recordRenewal(attached: AttachedSession, para: ParaSession): Promise<StoredSession> {
    const cookie = para.sessionCookie();
    const expiresAt = cookie ? cookieExpiry(cookie) : undefined;
    if (!cookie || expiresAt === undefined || expiresAt <= attached.stored.expiresAt) return attached.stored;
    const stored = { ...attached.stored, blob: withSessionCookie(attached.stored.blob, cookie), expiresAt };
    await this.services.store.save(attached.token, stored);
    attached.stored = stored;
    if (this.requestToken?.source === "cookie") this.setCookie(attached.token, expiresAt);
    return stored;
  }

  async forgetSession(): Promise<boolean> {
    const ended = this.requestToken ? await this.services.store.delete(this.requestToken.token) : false;
    if (this.requestToken?.source === "cookie" || ended) {
      setResponseCookie(this.request, clearedSessionCookieHeader(this.secureCookies()));
    }
    this.attached = Promise.resolve(undefined);
    return ended;
  }

  private setCookie(token: string, expiresAt: number): void {
    const maxAge = (expiresAt - Date.now()) / 1000;
    setResponseCookie(this.request, sessionCookieHeader(token, maxAge, this.secureCookies()));
  }

  private secureCookies(): boolean {
    const setting = this.services.config.cookieSecure;
    if (setting !== "auto") return setting;
    return new URL(this.request.url).protocol === "https:" || this.request.headers.get("x-forwarded-proto") === "https";
  }
}

/** The resolvers' context: Yoga's own, plus this request's state under `gateway` (Yoga spreads the context, so methods live one level down). */
export type Context = YogaInitialContext & { gateway: RequestContext };

/** The socket's peer, or with TRUST_PROXY the first X-Forwarded-For entry (the proxy's client). */
function clientAddressOf(services: Services, request: Request, req: IncomingMessage | undefined): string {
  const forwarded = services.config.trustProxy ? request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() : "";
  return forwarded || req?.socket.remoteAddress || "unknown";
}

export function createContext(services: Services) {
  return ({ request, req }: YogaInitialContext & { req?: IncomingMessage }) => ({
    gateway: new RequestContext(services, request, clientAddressOf(services, request, req)),
  });
}
