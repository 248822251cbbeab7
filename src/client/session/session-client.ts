import { ParaGatewayError } from "../gateway-error.js";
import {
  CurrentSessionDocument,
  EndAllSessionsDocument,
  EndSessionDocument,
  ImportSessionDocument,
  IssueJwtDocument,
  KeepSessionAliveDocument,
  type SessionFieldsFragment,
} from "../generated/graphql.js";
import { followSessionEvents, type SessionEventData } from "./events.js";
import { type KeepAlivePolicy, startKeepAlive } from "./keep-alive-policy.js";
import { connectTabs, type TabMessage } from "./tabs.js";
import { defaultTokenStorage, type TokenStorage } from "./token-storage.js";
import { type Credentials, createTransport, type SessionMode, type Transport } from "./transport.js";

/**
 * - `signed-out`: no session (never signed in, or signed out here or in another tab).
 * - `active`: the gateway holds the session and Para last said it is live.
 * - `expiring`: it ends within the gateway's notice (SESSION_EXPIRING_NOTICE_MS) and nothing extended it.
 * - `ended`: it was ended elsewhere (endSession on another device, endAllSessions); log in again.
 * - `expired`: Para says it is over, or it ran out; log in again.
 * - `offline`: the gateway or Para cannot be reached: the session is kept, and checked again later.
 */
export type SessionStatus = "signed-out" | "active" | "expiring" | "ended" | "expired" | "offline";

export type ClientSession = SessionFieldsFragment;

export interface SessionState {
  status: SessionStatus;
  /** The session as the gateway last described it; kept while `offline`, null once over. */
  session: ClientSession | null;
  /** What made the state what it is, when an error did. */
  error: ParaGatewayError | null;
}

/** Something that happened to the session: the gateway's events, and what this client did itself. */
export type SessionClientEvent =
  | SessionEventData
  | { __typename?: "SessionEvent"; type: "SIGNED_IN" | "SIGNED_OUT"; sessionId: string | null };

export interface SessionClientOptions {
  /** The gateway's GraphQL endpoint. */
  url: string;
  /** `bearer` (default): the client keeps the handle; `cookie`: the gateway's HttpOnly cookie carries it. */
  mode?: SessionMode;
  keepAlive?: KeepAlivePolicy;
  /** Follow `sessionEvents` over SSE (default true). */
  events?: boolean;
  /** The BroadcastChannel shared by this origin's tabs, or false for none. */
  channel?: string | false;
  /** Where the bearer token is kept across page loads (default: localStorage, or memory). */
  storage?: TokenStorage;
  storageKey?: string;
  /** A JWT is issued again once it has less than this left (default 60 s). */
  jwtRefreshMarginMs?: number;
  /** How long to wait before checking again after an outage (default 15 s). */
  offlineRetryMs?: number;
  fetch?: typeof fetch;
}

const OVER: readonly SessionStatus[] = ["signed-out", "ended", "expired"];

/** An event of this client's own making, shaped as the gateway's. */
const happened = (type: "EXTENDED" | "ENDED" | "EXPIRED", sessionId: string, expiresAt: string | null) =>
  ({ __typename: "SessionEvent", type, sessionId, at: new Date().toISOString(), expiresAt }) as const;

/** What a session going away (to `status`) tells listeners such as a cache. */
const endingOf = (status: SessionStatus, sessionId: string): SessionClientEvent =>
  status === "signed-out"
    ? { type: "SIGNED_OUT", sessionId }
    : happened(status === "ended" ? "ENDED" : "EXPIRED", sessionId, null);
const SIGNED_OUT: SessionState = { status: "signed-out", session: null, error: null };

/**
 * The whole session lifecycle of a frontend, framework-agnostic: hand it an exported Para session once
 * (`signIn`), and it imports it, keeps it alive by the chosen policy, follows its events, shares it
 * with the other tabs, hands out Para JWTs (issued again only near their expiry) and ends it.
 * `subscribe` tells every change of state.
 */
export class SessionClient {
  private state: SessionState = SIGNED_OUT;
  private readonly listeners = new Set<(state: SessionState) => void>();
  private readonly eventListeners = new Set<(event: SessionClientEvent) => void>();
  private readonly transport;
  private readonly tabs;
  private readonly storage: TokenStorage;
  private readonly storageKey: string;
  private readonly policy: KeepAlivePolicy;
  private token: string | null;
  private jwt: { token: string; expiresAt: number } | null = null;
  private jwtPending: Promise<string> | null = null;
  private following = false;
  private stopEvents: () => void = () => {};
  private stopKeepAlive: () => void = () => {};
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: SessionClientOptions) {
    this.storage = options.storage ?? defaultTokenStorage();
    this.storageKey = options.storageKey ?? "para-gateway-session";
    this.policy = options.keepAlive ?? { policy: "activity" };
    this.token = options.mode === "cookie" ? null : this.storage.getItem(this.storageKey);
    this.transport = createTransport({
      url: options.url,
      mode: options.mode ?? "bearer",
      fetch: options.fetch ?? ((...args) => fetch(...args)),
      token: () => this.token,
    });
    this.tabs = connectTabs<SessionState>(options.channel ?? "para-gateway-session", (message) =>
      this.fromTab(message),
    );
  }

  getState = (): SessionState => this.state;

  /** Calls `listener` on every change of state; returns the unsubscribe function. */
  subscribe = (listener: (state: SessionState) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Calls `listener` on every session event, the gateway's and this client's own (for cache wiring). */
  onEvent(listener: (event: SessionClientEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** The headers that carry the session, for the app's own requests to the gateway. */
  headers = (): Record<string, string> => this.transport.headers();

  /** The fetch this client sends with (the `fetch` option, or the global one). */
  get fetch(): typeof fetch {
    return this.transport.fetch;
  }

  /** The fetch `credentials` the session's mode needs. */
  get credentials(): Credentials {
    return this.transport.credentials;
  }

  get url(): string {
    return this.options.url;
  }

  /** Typed requests to the gateway by trusted-document hash, carrying the session. */
  get request(): Transport["request"] {
    return this.transport.request;
  }

  /** Imports a session the Para client SDK exported (`para.exportSession()`); another user's replaces this one. */
  async signIn(exportedSession: string): Promise<SessionState> {
    const { importSession } = await this.transport.request(ImportSessionDocument, {
      session: exportedSession,
      keepAlive: this.policy.policy === "gateway",
    });
    // Another session's stream, timers and JWT go with it.
    this.stopFollowing();
    this.setToken(importSession.sessionToken);
    this.forgetJwt();
    this.emit({ type: "SIGNED_IN", sessionId: importSession.session.id });
    this.settle({ status: "active", session: importSession.session, error: null }, true);
    return this.state;
  }

  /** Reads the session the client already carries (a stored token, or the cookie): on page load. */
  async restore(): Promise<SessionState> {
    if (this.transport.credentials !== "include" && !this.token) {
      this.settle(SIGNED_OUT, false);
      return this.state;
    }
    try {
      const { session } = await this.transport.request(CurrentSessionDocument);
      if (!session) this.over("signed-out", null);
      else if (session.active === false) this.over("expired", null);
      else this.settle({ status: "active", session, error: null }, false);
    } catch (error) {
      this.failed(error);
    }
    return this.state;
  }

  /** Has Para extend the session now; false when it is over. */
  async keepAlive(): Promise<boolean> {
    try {
      const { keepSessionAlive } = await this.transport.request(KeepSessionAliveDocument);
      if (!keepSessionAlive.alive) {
        this.over("expired", null);
        return false;
      }
      this.extended(keepSessionAlive.session);
      return true;
    } catch (error) {
      this.failed(error);
      return false;
    }
  }

  /**
   * A Para JWT for the app's own backend calls: the one at hand while it has more than
   * `jwtRefreshMarginMs` left, a new one otherwise (one issue at a time, shared with the other tabs).
   */
  async getJwt(): Promise<string> {
    if (this.jwt && this.jwtRenewalDueInMs() > 0) return this.jwt.token;
    this.jwtPending ??= this.issueJwt().finally(() => {
      this.jwtPending = null;
    });
    return this.jwtPending;
  }

  /** How long until getJwt() issues a new token (0 when it would now). */
  jwtRenewalDueInMs(): number {
    const margin = this.options.jwtRefreshMarginMs ?? 60_000;
    return this.jwt ? Math.max(0, this.jwt.expiresAt - margin - Date.now()) : 0;
  }

  /** Ends this session at the gateway (the user stays logged in to Para on the device). */
  async signOut(): Promise<void> {
    await this.transport.request(EndSessionDocument, {});
    this.over("signed-out", null);
  }

  /** Ends another of the user's sessions (an id from `mySessions`); this one when it is this one's. */
  async end(sessionId: string): Promise<boolean> {
    if (sessionId === this.state.session?.id) return this.signOut().then(() => true);
    const { endSession } = await this.transport.request(EndSessionDocument, { id: sessionId });
    if (endSession.sessionId) this.emit(happened("ENDED", sessionId, null));
    return endSession.ended;
  }

  /** Ends every session the gateway holds for the user, on every device; says how many. */
  async signOutEverywhere(): Promise<number> {
    const { endAllSessions } = await this.transport.request(EndAllSessionsDocument);
    this.over("signed-out", null);
    return endAllSessions;
  }

  /** Stops every timer, stream and channel. */
  dispose(): void {
    this.stopFollowing();
    this.tabs.close();
    this.listeners.clear();
    this.eventListeners.clear();
  }

  private async issueJwt(): Promise<string> {
    try {
      const { issueJwt } = await this.transport.request(IssueJwtDocument, {});
      // Kept only while it is still this session's: a sign-in meanwhile must not inherit it.
      if (issueJwt.session.id === this.state.session?.id) {
        this.jwt = { token: issueJwt.token, expiresAt: Date.parse(issueJwt.expiresAt) };
        this.tabs.post({ kind: "jwt", sessionId: issueJwt.session.id, ...this.jwt });
      }
      this.extended(issueJwt.session);
      return issueJwt.token;
    } catch (error) {
      this.failed(error);
      throw error;
    }
  }

  /** A new expiry from a request of this client's: tell the state, the cache and the other tabs. */
  private extended(session: Pick<ClientSession, "id" | "expiresAt">) {
    const current = this.state.session;
    if (!current || current.id !== session.id) return;
    this.emit(happened("EXTENDED", session.id, session.expiresAt));
    this.settle({ status: "active", session: { ...current, expiresAt: session.expiresAt }, error: null }, true);
  }

  private onGatewayEvent(event: SessionEventData) {
    const current = this.state.session;
    if (!current || event.sessionId !== current.id) return;
    if (event.type === "ENDED") return this.over("ended", null);
    if (event.type === "EXPIRED") return this.over("expired", null);
    this.emit(event);
    const session = event.expiresAt ? { ...current, expiresAt: event.expiresAt } : current;
    this.settle({ status: event.type === "EXPIRING" ? "expiring" : "active", session, error: null }, true);
  }

  /** An error from a request: an outage keeps the session (offline); anything saying it is over ends it. */
  private failed(error: unknown) {
    const failure = error instanceof ParaGatewayError ? error : new ParaGatewayError("NETWORK_ERROR", String(error));
    if (failure.isOutage && this.state.session) {
      this.setState({ status: "offline", session: this.state.session, error: failure });
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => void this.restore(), this.options.offlineRetryMs ?? 15_000);
    } else if (failure.code === "SESSION_EXPIRED") this.over("expired", failure);
    else if (failure.code === "UNAUTHENTICATED" && this.state.session) this.over("ended", failure);
  }

  private over(status: SessionStatus, error: ParaGatewayError | null) {
    if (this.state.session) this.emit(endingOf(status, this.state.session.id));
    this.setToken(null);
    this.forgetJwt();
    this.settle({ status, session: null, error }, true);
  }

  /** Sets a state, starts or stops following the session to match, and tells the other tabs when asked. */
  private settle(state: SessionState, broadcast: boolean) {
    const follow = state.session !== null && !OVER.includes(state.status);
    this.setState(state);
    if (follow && !this.following) this.startFollowing();
    if (!follow && this.following) this.stopFollowing();
    // An error does not cross a BroadcastChannel as its class; the other tabs get the state without it.
    if (broadcast) this.tabs.post({ kind: "state", state: { ...state, error: null }, token: this.token });
  }

  private fromTab(message: TabMessage<SessionState>) {
    if (message.kind === "jwt") {
      if (message.sessionId === this.state.session?.id)
        this.jwt = { token: message.token, expiresAt: message.expiresAt };
      return;
    }
    const had = this.state.session;
    const next = message.state.session;
    // Neither tab has a session: this one keeps its own reason (it signed out, or was ended).
    if (!had && !next) return;
    if (next?.id !== had?.id) {
      this.stopFollowing();
      this.forgetJwt();
    }
    if (this.transport.credentials !== "include") this.token = message.token;
    // The listeners (a cache) hear what the other tab's change means here.
    if (next && next.id !== had?.id) this.emit({ type: "SIGNED_IN", sessionId: next.id });
    else if (next && had && next.expiresAt !== had.expiresAt) this.emit(happened("EXTENDED", next.id, next.expiresAt));
    else if (!next && had) this.emit(endingOf(message.state.status, had.id));
    this.settle(message.state, false);
  }

  private startFollowing() {
    clearTimeout(this.retryTimer);
    this.following = true;
    this.stopKeepAlive = startKeepAlive(this.policy, () => void this.keepAlive());
    if (this.options.events === false) return;
    const follow = () => {
      this.stopEvents = followSessionEvents(this.transport, {
        event: (event) => this.onGatewayEvent(event),
        error: (error) => this.failed(error),
        // An idle stream ends; a session still followed gets a new one.
        complete: () => {
          if (this.following) follow();
        },
      });
    };
    follow();
  }

  private stopFollowing() {
    this.following = false;
    clearTimeout(this.retryTimer);
    this.stopEvents();
    this.stopKeepAlive();
    this.stopEvents = () => {};
    this.stopKeepAlive = () => {};
  }

  private forgetJwt() {
    this.jwt = null;
    this.jwtPending = null;
  }

  private setToken(token: string | null) {
    if (this.transport.credentials === "include") return;
    this.token = token;
    if (token) this.storage.setItem(this.storageKey, token);
    else this.storage.removeItem(this.storageKey);
  }

  private setState(state: SessionState) {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  private emit(event: SessionClientEvent) {
    for (const listener of this.eventListeners) listener(event);
  }
}
