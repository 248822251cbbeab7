import { badInput, GatewayError, sessionExpired } from "../errors.js";
import type { ParaFactory } from "./para-factory.js";
import type { SessionInstance } from "./session-instance.js";
import type { Upstream } from "./upstream.js";
import { upstreamError } from "./upstream-errors.js";

const keyRejected = () =>
  new GatewayError(
    "NOT_CONFIGURED",
    "Para rejected the gateway's PARA_API_KEY: check it belongs to the environment PARA_ENV names.",
  );

/** What `POST /touch` says about the session the instance carries. */
interface TouchAnswer {
  isAuthenticated?: boolean;
  userId?: string;
}

/** One imported session in its own fresh SDK instance, with Para's answers mapped to the gateway's error codes. */
export class ParaSession {
  private constructor(
    private readonly para: SessionInstance,
    private readonly upstream: Upstream,
  ) {}

  /**
   * A fresh SDK instance with the session imported. Importing is local (no call to Para once the
   * instance has started); a blob the SDK cannot read is the client's error, never Para's.
   */
  static async open(factory: ParaFactory, upstream: Upstream, blob: string): Promise<ParaSession> {
    const para = await upstream.call("start-up", { idempotent: true, onAuthRejected: keyRejected }, () =>
      factory.fresh(),
    );
    try {
      await para.importSession(blob);
    } catch {
      throw new GatewayError(
        "BAD_USER_INPUT",
        "Para's SDK could not read this session. Pass exactly the string the client SDK's exportSession() returned.",
        { field: "session" },
      );
    }
    return new ParaSession(para, upstream);
  }

  /**
   * Para's own word on whether the session is live and whose it is (`POST /touch`, asked directly: the
   * SDK's `isSessionActive()` answers `true` without asking for connection-only sessions).
   */
  async isActiveFor(userId: string): Promise<boolean> {
    const answer = await this.upstream.call("touch", { idempotent: true, onAuthRejected: keyRejected }, async () => {
      const touch = (await this.para.client.touchSession()) as TouchAnswer | null;
      if (typeof touch?.isAuthenticated !== "boolean") throw upstreamError("POST /touch: malformed answer");
      return touch;
    });
    return answer.isAuthenticated === true && answer.userId === userId;
  }

  /**
   * Extends the session: true only when Para's answer says so (a JSON object, as its keep-alive route
   * answers), false when Para says the session is over. Asked of the SDK's client directly: the SDK's
   * `keepSessionAlive()` answers false for any failure and true for any 2xx, a broken body included.
   * A 401/403 is ambiguous (over, or the key refused), so a second look (a touch) tells them apart.
   */
  async keepAlive(userId: string): Promise<boolean> {
    const over = () => new GatewayError("SESSION_EXPIRED", "keep-alive refused");
    try {
      await this.upstream.call("keep-alive", { idempotent: true, onAuthRejected: over }, async () => {
        const answer: unknown = await this.para.client.keepSessionAlive(userId);
        if (typeof answer !== "object" || answer === null) throw upstreamError("keep-alive: malformed answer");
      });
      return true;
    } catch (error) {
      if (!(error instanceof GatewayError && error.code === "SESSION_EXPIRED")) throw error;
    }
    if (!(await this.isActiveFor(userId))) return false;
    throw upstreamError("keep-alive refused although the session is active");
  }

  /**
   * Has Para sign a JWT for the session. `call` names it for the breaker and metrics: the import's
   * identity check may be retried (a second token is harmless), a client's `issueJwt` is not.
   */
  issueJwt(keyIndex: number, call: "jwt" | "identify" = "jwt"): Promise<{ token: string; keyId: string }> {
    const noSuchKey = () => badInput(`Para has no signing key at keyIndex ${keyIndex} for this app.`, "keyIndex");
    return this.upstream.call(
      call,
      { idempotent: call === "identify", onAuthRejected: sessionExpired, onBadRequest: noSuchKey },
      () => this.para.client.issueJwt({ keyIndex }),
    );
  }

  /** The session cookie as Para last set it: renewed (with a later Expires) when Para extended the session. */
  sessionCookie(): string | undefined {
    return this.para.sessionCookie();
  }
}
