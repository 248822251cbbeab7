import type { Para } from "@getpara/server-sdk";
import type { Config } from "../config.js";
import { GatewayError, sessionExpired } from "../errors.js";
import { createPara } from "./create-para.js";
import { toGatewayError, upstreamError, withDeadline } from "./upstream-errors.js";

const keyRejected = () =>
  new GatewayError(
    "NOT_CONFIGURED",
    "Para rejected the gateway's PARA_API_KEY: check it belongs to the environment PARA_ENV names.",
  );

/** One imported session in its own fresh SDK instance, with Para's answers mapped to the gateway's error codes. */
export class ParaSession {
  private constructor(
    private readonly para: Para,
    private readonly timeoutMs: number,
  ) {}

  static async open(config: Pick<Config, "para">, blob: string): Promise<ParaSession> {
    const para = createPara(config);
    try {
      await withDeadline(para.importSession(blob), config.para.timeoutMs);
    } catch (error) {
      throw toGatewayError(error, "importing the session", keyRejected);
    }
    return new ParaSession(para, config.para.timeoutMs);
  }

  private async call<T>(what: string, run: () => Promise<T>, onAuthRejected: () => GatewayError): Promise<T> {
    try {
      return await withDeadline(run(), this.timeoutMs);
    } catch (error) {
      throw toGatewayError(error, what, onAuthRejected);
    }
  }

  /** Para's own word on whether the session is live (`POST /touch`). */
  isActive(): Promise<boolean> {
    return this.call("checking the session", () => this.para.isSessionActive(), keyRejected);
  }

  /**
   * Extends the session. The SDK answers `false` both when the session is gone and when Para cannot be
   * reached; a second look tells them apart: `false` only when Para says the session is over.
   */
  async keepAlive(): Promise<boolean> {
    if (await this.call("keeping the session alive", () => this.para.keepSessionAlive(), keyRejected)) return true;
    if (!(await this.isActive())) return false;
    throw upstreamError("keep-alive failed although the session is active");
  }

  issueJwt(keyIndex: number): Promise<{ token: string; keyId: string }> {
    return this.call("issuing a JWT", () => this.para.issueJwt({ keyIndex }), sessionExpired);
  }

  /** The session cookie as Para last set it: renewed (with a later Expires) when Para extended the session. */
  sessionCookie(): string | undefined {
    return this.para.retrieveSessionCookie();
  }
}
