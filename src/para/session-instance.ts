import type { Para } from "@getpara/server-sdk";

/** The SDK client calls session management makes (`para.ctx.client`, the SDK's own client of Para's API). */
export interface SessionClient {
  /** `POST /touch` with the session's cookie. */
  touchSession(): Promise<unknown>;
  /** `POST /users/:userId/session/keep-alive`. */
  keepSessionAlive(userId: string): Promise<unknown>;
  /** `POST /auth/jwt`. */
  issueJwt(params: { keyIndex: number }): Promise<{ token: string; keyId: string }>;
}

/**
 * The SDK client's HTTP client (`ctx.client.baseRequest`, an axios instance private in the SDK's typings):
 * what the gateway uses of it. Every call to Para goes through it, whichever way the instance was built.
 */
export interface SdkHttp {
  post(url: string, data?: unknown): Promise<{ data: unknown }>;
  defaults: {
    adapter?: unknown;
    maxRedirects?: number;
    httpAgent?: unknown;
    httpsAgent?: unknown;
  };
  interceptors: {
    response: { use(onAnswer: (answer: { status: number }) => unknown, onError: (error: unknown) => unknown): void };
  };
}

/**
 * A fresh SDK instance of one request, before and after its session is imported: one instance, one
 * session, never shared. Full (the SDK's `Para` as it starts) or lean (see lean-instance.ts).
 */
export interface SessionInstance {
  /** Takes the session a client exported; throws when the blob cannot be read. Local, no call to Para. */
  importSession(blob: string): Promise<void>;
  readonly client: SessionClient;
  /** The session cookie as Para last set it (renewed, with a later Expires, when Para extended the session). */
  sessionCookie(): string | undefined;
}

/** A full, started `Para` instance as a SessionInstance. */
export class FullInstance implements SessionInstance {
  readonly client: SessionClient;

  constructor(private readonly para: Para) {
    this.client = para.ctx.client as unknown as SessionClient;
  }

  importSession(blob: string): Promise<void> {
    return this.para.importSession(blob);
  }

  sessionCookie(): string | undefined {
    return this.para.retrieveSessionCookie();
  }
}
