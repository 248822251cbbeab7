import type { IncomingMessage } from "node:http";
import DataLoader from "dataloader";
import type { YogaInitialContext } from "graphql-yoga";
import pLimit from "p-limit";
import { hasGatewayKey } from "./auth/gateway-keys.js";
import {
  clearedSessionCookieHeader,
  type RequestToken,
  sessionCookieHeader,
  sessionTokenFrom,
} from "./auth/session-token.js";
import { GatewayError, unauthenticated, unknownSession } from "./errors.js";
import type { SessionEvents } from "./events/session-events.js";
import type { LimitKind, RateLimits } from "./limits/rate-limits.js";
import { ensureManagedRoom, makeRoomFor, oneAtATimeFor } from "./limits/session-quota.js";
import type { StreamBudget } from "./limits/stream-budget.js";
import { keepAliveSetting } from "./para/checked-import.js";
import type { ParaFactory } from "./para/para-factory.js";
import { ParaSession } from "./para/para-session.js";
import type { Upstream } from "./para/upstream.js";
import type { VerifyApi } from "./para/verify-api.js";
import type { WalletVerifications } from "./para/wallet-verifications.js";
import { setResponseCookie } from "./plugins/use-response-cookies.js";
import type { Config } from "./runtime/config.js";
import type { Logger } from "./runtime/logger.js";
import {
  publicSessionId,
  type SessionStore,
  type SessionSummary,
  type StoredSession,
  sessionRecordId,
} from "./store/session-store.js";
import type { JwtVerifier } from "./verifier/jwt-verifier.js";

/** What lives as long as the server: shared by every request. */
export interface Services {
  config: Config;
  store: SessionStore;
  verifyApi: VerifyApi;
  wallets: WalletVerifications;
  upstream: Upstream;
  paraFactory: ParaFactory;
  jwtVerifier: JwtVerifier;
  rateLimits: RateLimits;
  streams: StreamBudget;
  events: SessionEvents;
  logger: Logger;
}

export interface AttachedSession {
  token: string;
  /** The store's key for it (the handle's digest), and its public id (Session.id). */
  recordId: string;
  id: string;
  stored: StoredSession;
}

const attach = (token: string, stored: StoredSession, recordId = sessionRecordId(token)): AttachedSession => ({
  token,
  recordId,
  id: publicSessionId(recordId),
  stored,
});

const walletLoaders = new WeakMap<Request, DataLoader<string, string | null>>();

/**
 * Per-request state. Nothing here outlives the request: the Para instance is created on first need and
 * dropped with the context, and the loaders cache only within this operation.
 */
export class RequestContext {
  private readonly requestToken: RequestToken | undefined;
  private attached?: Promise<AttachedSession | undefined>;
  private para?: Promise<ParaSession>;
  /** Until when this operation's answer may be served again (epoch ms); undefined until a field says. */
  private reusableUntil: number | undefined;

  constructor(
    readonly services: Services,
    readonly request: Request,
    /** The client's address, for per-client rate limits. */
    readonly clientAddress: string,
  ) {
    this.requestToken = sessionTokenFrom(request.headers, services.config.cookieName);
  }

  /**
   * Wallet verifications by address: deduplicated within the operation, at most PARA_CONCURRENCY at once.
   * The loader belongs to the HTTP request, so that the operations of a batched request share it. The
   * verify budget is charged one unit per distinct address that must be asked of Para (not per field,
   * alias or operation): a cached answer costs nothing, and a batch that would overspend is refused whole.
   */
  get walletIds(): DataLoader<string, string | null> {
    let loader = walletLoaders.get(this.request);
    if (!loader) {
      const { wallets, config } = this.services;
      loader = new DataLoader(async (addresses: readonly string[]) => {
        const uncached = addresses.filter((a) => !wallets.isCached(a)).length;
        const load = (address: string) => wallets.walletId(address).catch((e: Error) => e);
        if (uncached === 0) return Promise.all(addresses.map(load));
        await this.limit("verify", this.clientAddress, uncached);
        const limit = pLimit(config.para.concurrency);
        return Promise.all(addresses.map((address) => limit(() => load(address))));
      });
      walletLoaders.set(this.request, loader);
    }
    return loader;
  }

  /**
   * Says this operation's answer may be served again for `ms` from now (the answer cache's lifetime for
   * it): the earliest of what its fields say, counted from when each said it. A field that says nothing
   * makes the answer one-off.
   */
  reusableFor(ms: number): void {
    const until = Date.now() + (Number.isFinite(ms) ? Math.max(0, ms) : 0);
    this.reusableUntil = Math.min(this.reusableUntil ?? until, until);
  }

  /** How long from now this operation's answer may be served again; 0 unless a field said. */
  get answerReusableMs(): number {
    return this.reusableUntil === undefined ? 0 : Math.max(0, this.reusableUntil - Date.now());
  }

  /** The verify operations are for backends: with VERIFY_ACCESS=key they need a gateway key (X-Gateway-Key). */
  requireBackend(): void {
    const { verifyAccess, gatewayKeyDigests } = this.services.config;
    if (verifyAccess === "public" || hasGatewayKey(this.request.headers, gatewayKeyDigests)) return;
    throw new GatewayError(
      "UNAUTHENTICATED",
      "This operation is for backends: send one of the gateway's keys (GATEWAY_API_KEYS) as X-Gateway-Key.",
    );
  }

  /** The stored session this request carries, read from the store once however many fields ask. */
  session(): Promise<AttachedSession | undefined> {
    this.attached ??= (async () => {
      if (!this.requestToken) return undefined;
      const { token } = this.requestToken;
      // The handle's digest, once: it keys the rate limit, the store and the public id alike.
      const recordId = sessionRecordId(token);
      const stored = await this.services.store.getById(recordId);
      await this.chargeHandle(recordId, stored !== undefined);
      if (!stored) throw unknownSession();
      return attach(token, stored, recordId);
    })();
    return this.attached;
  }

  /**
   * Spends one unit of a per-minute budget (of this client's address unless another key is named), or
   * throws RATE_LIMITED.
   */
  limit(kind: LimitKind, key: string = this.clientAddress, units = 1): Promise<void> {
    return this.services.rateLimits.consume(kind, key, units);
  }

  /**
   * Every use of a handle spends a budget once its lookup said what it names: a stored session's own
   * budget (by the handle's digest: the handle never reaches the rate-limit store), or else this client's
   * budget of unknown handles, so that guessed handles cannot be tried at the store's speed. A valid
   * handle never touches the unknown budget: the misses of others behind the same address lock nobody out.
   */
  private chargeHandle(recordId: string, known: boolean): Promise<void> {
    return known ? this.limit("session", recordId) : this.limit("unknownSession");
  }

  async requireSession(): Promise<AttachedSession> {
    const attached = await this.session();
    if (attached) return attached;
    throw unauthenticated(this.services.config.cookieName);
  }

  /** The request's session imported into a fresh Para instance, created on first need. */
  paraSession(): Promise<ParaSession> {
    this.para ??= this.requireSession().then(({ stored }) =>
      ParaSession.open(this.services.paraFactory, this.services.upstream, stored.blob),
    );
    return this.para;
  }

  /**
   * Stores a session imported by this request and hands its handle to the browser as a cookie too. The
   * user's session quota first: a managed one past its cap is refused, plain ones past theirs make room.
   */
  async attachNew(stored: StoredSession, para: ParaSession): Promise<AttachedSession> {
    const { store, config } = this.services;
    const token = await oneAtATimeFor(stored.userId, async () => {
      const toEnd = await makeRoomFor(store, config.limits, stored.userId, stored.keepAlive);
      const created = await store.create(stored);
      for (const id of toEnd) await this.endById(id);
      return created;
    });
    const attached = attach(token, stored);
    this.attached = Promise.resolve(attached);
    this.para = Promise.resolve(para);
    this.setCookie(token, stored.expiresAt);
    return attached;
  }

  /**
   * Stores a change to the request's session (Para extended it, or a setting changed), refreshing the
   * cookie's lifetime when Para extended the session. A session ended meanwhile (on any replica) stays ended.
   * Para's expiries come to the second: an extension within the second of the import or of the previous
   * extension shows in `lastExtendedAt` (renewedBy stamps it) before it shows in the expiry.
   */
  async recordChange(attached: AttachedSession, updated: StoredSession): Promise<StoredSession> {
    if (!(await this.services.store.saveById(attached.recordId, updated))) throw unknownSession();
    const extended =
      updated.expiresAt !== attached.stored.expiresAt || updated.lastExtendedAt !== attached.stored.lastExtendedAt;
    attached.stored = updated;
    if (extended) {
      this.services.events.publish(attached.recordId, "EXTENDED", updated.expiresAt);
      if (this.requestToken?.source === "cookie") this.setCookie(attached.token, updated.expiresAt);
    }
    return updated;
  }

  /** The sessions the gateway holds for the request's user, on every replica, oldest import first. */
  async userSessions(): Promise<(SessionSummary & { current: boolean })[]> {
    const attached = await this.requireSession();
    const all = await this.services.store.mapUserSessions(attached.stored.userId, (id, session) => ({
      id: publicSessionId(id),
      importedAt: session.importedAt,
      expiresAt: session.expiresAt,
      keepAlive: session.keepAlive === true,
      current: id === attached.recordId,
    }));
    return all.sort((a, b) => a.importedAt.localeCompare(b.importedAt));
  }

  /** Turns the request's session managed or not; a managed one must fit the user's quota. */
  async setKeepAlive(enabled: boolean): Promise<AttachedSession> {
    const attached = await this.requireSession();
    const { store, config } = this.services;
    await oneAtATimeFor(attached.stored.userId, async () => {
      if (enabled && !attached.stored.keepAlive) {
        ensureManagedRoom(await store.ownedBy(attached.stored.userId), config.limits, attached.recordId);
      }
      await this.recordChange(attached, { ...attached.stored, ...keepAliveSetting(config, enabled) });
    });
    return attached;
  }

  /** Ends one of the request user's sessions by its public id; another user's id ends nothing. */
  async forgetUserSession(id: string): Promise<boolean> {
    const attached = await this.requireSession();
    if (id === attached.id) return this.forgetSession();
    const owned = await this.services.store.ownedBy(attached.stored.userId);
    const target = owned.find((s) => publicSessionId(s.id) === id);
    if (!target) throw new GatewayError("FORBIDDEN", "None of your sessions has this id (see mySessions).");
    return this.endById(target.id);
  }

  /** Deletes a stored session and tells its subscribers, on every replica. */
  private async endById(recordId: string): Promise<boolean> {
    const ended = await this.services.store.deleteById(recordId);
    if (ended) this.services.events.publish(recordId, "ENDED", null);
    return ended;
  }

  /** Ends every session of the request's user, this one included; how many were ended. */
  async forgetAllUserSessions(): Promise<number> {
    const attached = await this.requireSession();
    // By the index alone: ending needs no record read, so no record is held.
    const owned = await this.services.store.ownedBy(attached.stored.userId);
    let ended = 0;
    for (const { id } of owned) if (id !== attached.recordId && (await this.endById(id))) ended++;
    const own = await this.forgetSession();
    return ended + (own ? 1 : 0);
  }

  /** The public id (Session.id) of the session the request names, whether or not it is stored. */
  requestSessionId(): string | null {
    return this.requestToken ? publicSessionId(sessionRecordId(this.requestToken.token)) : null;
  }

  /** Forgets the request's stored session; limited like every other use of a handle. */
  async forgetSession(): Promise<boolean> {
    let ended = false;
    if (this.requestToken) {
      const recordId = sessionRecordId(this.requestToken.token);
      ended = await this.endById(recordId);
      await this.chargeHandle(recordId, ended);
    }
    if (this.requestToken?.source === "cookie" || ended) {
      setResponseCookie(this.request, clearedSessionCookieHeader(this.services.config, this.secureCookies()));
    }
    this.attached = Promise.resolve(undefined);
    return ended;
  }

  private setCookie(token: string, expiresAt: number): void {
    const maxAge = (expiresAt - Date.now()) / 1000;
    setResponseCookie(this.request, sessionCookieHeader(this.services.config, token, maxAge, this.secureCookies()));
  }

  private secureCookies(): boolean {
    const setting = this.services.config.cookieSecure;
    if (setting !== "auto") return setting;
    const forwardedHttps =
      this.services.config.trustProxyHops > 0 && this.request.headers.get("x-forwarded-proto") === "https";
    return new URL(this.request.url).protocol === "https:" || forwardedHttps;
  }
}

/** The resolvers' context: Yoga's own, plus this request's state under `gateway` (Yoga spreads the context, so methods live one level down). */
export type Context = YogaInitialContext & { gateway: RequestContext };

/**
 * The client's address: the socket's peer, or behind TRUST_PROXY=N proxies the entry N places from the
 * right of X-Forwarded-For (each proxy appends the address it saw; entries further left are the
 * client's own writing and prove nothing).
 */
function clientAddressOf(services: Services, request: Request, req: IncomingMessage | undefined): string {
  const peer = req?.socket.remoteAddress || "unknown";
  const hops = services.config.trustProxyHops;
  if (hops === 0) return peer;
  const entries = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  return entries[entries.length - hops] ?? peer;
}

export function createContext(services: Services) {
  return ({ request, req }: YogaInitialContext & { req?: IncomingMessage }) => ({
    gateway: new RequestContext(services, request, clientAddressOf(services, request, req)),
  });
}
