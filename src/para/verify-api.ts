import { GatewayError } from "../errors.js";
import type { Config } from "../runtime/config.js";
import { recordHttpStatus } from "../telemetry/spans.js";
import type { Upstream } from "./upstream.js";
import { isClientCaused, refusedByPara, upstreamError, upstreamUnavailable } from "./upstream-errors.js";

export interface SessionVerification {
  valid: boolean;
  userId: string | null;
  authType: string | null;
  identifier: string | null;
  oAuthMethod: string | null;
}

const notConfigured = () =>
  new GatewayError(
    "NOT_CONFIGURED",
    "This operation needs the app's secret API key: set PARA_SECRET_API_KEY on the gateway.",
  );

const secretRejected = () =>
  new GatewayError("NOT_CONFIGURED", "Para rejected PARA_SECRET_API_KEY: check the gateway's secret API key.");

interface Answer {
  status: number;
  json: Record<string, unknown>;
}

/** Para's documented server-to-server routes, called with the secret key. */
export class VerifyApi {
  constructor(
    private readonly config: Pick<Config, "para">,
    private readonly upstream: Upstream,
  ) {}

  /** Both routes only read, so a failed attempt is retried. */
  private post(path: string, body: unknown): Promise<Answer> {
    const { apiUrl, secretApiKey } = this.config.para;
    if (!secretApiKey) throw notConfigured();
    return this.upstream.call(path.slice(1), { idempotent: true, onAuthRejected: secretRejected }, async (signal) => {
      let res: Response;
      let text: string;
      try {
        res = await fetch(`${apiUrl}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-external-api-key": secretApiKey },
          body: JSON.stringify(body),
          signal,
        });
        text = await res.text();
      } catch {
        throw upstreamUnavailable(`POST ${path}: connection failed`);
      }
      recordHttpStatus(res.status);
      return read(path, res.status, text);
    });
  }

  /** The id of the wallet with this address among the app's users, or null when none has it. */
  async verifyWallet(address: string): Promise<string | null> {
    const { status, json } = await this.post("/wallets/verify", { address });
    if (status === 404) return null;
    if (status !== 200 || typeof json.walletId !== "string")
      throw upstreamError(`POST /wallets/verify: HTTP ${status}`);
    return json.walletId;
  }

  async verifySession(verificationToken: string): Promise<SessionVerification> {
    const { status, json } = await this.post("/sessions/verify", { verificationToken });
    const text = (v: unknown) => (typeof v === "string" ? v : null);
    if (status === 403 || status === 404) {
      return { valid: false, userId: null, authType: null, identifier: null, oAuthMethod: null };
    }
    if (status !== 200 || typeof json.authType !== "string")
      throw upstreamError(`POST /sessions/verify: HTTP ${status}`);
    return {
      valid: true,
      userId: text(json.userId),
      authType: text(json.authType),
      identifier: text(json.identifier),
      oAuthMethod: text(json.oAuthMethod),
    };
  }
}

function read(path: string, status: number, text: string): Answer {
  if (status === 401) throw secretRejected();
  if (status === 403 || status === 404) return { status, json: {} };
  if (isClientCaused(status)) throw refusedByPara(`POST ${path}`, status);
  if (status !== 200) throw upstreamError(`POST ${path}: HTTP ${status}`);
  try {
    const json = JSON.parse(text) as unknown;
    if (typeof json !== "object" || json === null) throw new Error("not an object");
    return { status: 200, json: json as Record<string, unknown> };
  } catch {
    throw upstreamError(`POST ${path}: malformed answer`);
  }
}
