import type { Para } from "@getpara/server-sdk";
import { GatewayError, sessionExpired } from "../errors.js";
import type { ParaPool } from "./para-pool.js";
import type { Upstream } from "./upstream.js";
import { upstreamError } from "./upstream-errors.js";

const keyRejected = () =>
  new GatewayError(
    "NOT_CONFIGURED",
    "Para rejected the gateway's PARA_API_KEY: check it belongs to the environment PARA_ENV names.",
  );

/** One imported session in its own fresh SDK instance, with Para's answers mapped to the gateway's error codes. */
export class ParaSession {
  private constructor(
    private readonly para: Para,
    private readonly upstream: Upstream,
  ) {}

  /**
   * A fresh SDK instance with the session imported. When an attempt fails or times out, the pool is
   * emptied (its instances may have started against the same failing Para) and a retry builds anew.
   */
  static async open(pool: ParaPool, upstream: Upstream, blob: string): Promise<ParaSession> {
    const attempt = async () => {
      const instance = pool.take();
      try {
        await instance.importSession(blob);
        return instance;
      } catch (error) {
        pool.discardAll();
        throw error;
      }
    };
    try {
      return new ParaSession(
        await upstream.call("import", { idempotent: true, onAuthRejected: keyRejected }, attempt),
        upstream,
      );
    } catch (error) {
      pool.discardAll();
      throw error;
    }
  }

  /** Para's own word on whether the session is live (`POST /touch`). */
  isActive(): Promise<boolean> {
    return this.upstream.call("touch", { idempotent: true, onAuthRejected: keyRejected }, () =>
      this.para.isSessionActive(),
    );
  }

  /**
   * Extends the session. The SDK answers `false` both when the session is gone and when Para cannot be
   * reached; a second look tells them apart: `false` only when Para says the session is over.
   */
  async keepAlive(): Promise<boolean> {
    const extended = await this.upstream.call("keep-alive", { idempotent: true, onAuthRejected: keyRejected }, () =>
      this.para.keepSessionAlive(),
    );
    if (extended) return true;
    if (!(await this.isActive())) return false;
    throw upstreamError("keep-alive failed although the session is active");
  }

  issueJwt(keyIndex: number): Promise<{ token: string; keyId: string }> {
    return this.upstream.call("jwt", { idempotent: false, onAuthRejected: sessionExpired }, () =>
      this.para.issueJwt({ keyIndex }),
    );
  }

  /** The session cookie as Para last set it: renewed (with a later Expires) when Para extended the session. */
  sessionCookie(): string | undefined {
    return this.para.retrieveSessionCookie();
  }
}
