import type { WalletType } from "../chains/addresses.js";
import type { FaultConfig } from "./faults.js";

export interface EmulatorUser {
  userId: string;
  authType: "email" | "phone";
  identifier: string;
  wallets: { id: string; type: WalletType; address: string; publicKey: string }[];
}

export interface EmulatorConfig {
  sessionLengthSeconds: number;
  latencyMs: number;
  fault: FaultConfig;
}

/** A typed client for the emulator's `/_emulator/` admin API, for dev mode, tests and the benchmark. */
export class EmulatorAdmin {
  constructor(readonly baseUrl: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T & { message?: string };
    if (!res.ok) throw new Error(`emulator ${method} ${path}: ${res.status} ${json.message ?? ""}`);
    return json;
  }

  createPartner(input: { name?: string; sessionLengthSeconds?: number } = {}) {
    return this.call<{ id: string; name: string; publicKey: string; secretKey: string }>("POST", "/partners", input);
  }

  createUser(input: { email?: string; phone?: string; walletTypes?: WalletType[]; partnerId?: string } = {}) {
    return this.call<EmulatorUser>("POST", "/users", input);
  }

  createSession(userId: string, options: { excludeSigners?: boolean } = {}) {
    return this.call<{ session: string; verificationToken: string }>("POST", "/sessions", { userId, ...options });
  }

  /** A session as Para holds it: live or not, its expiry, and when each keep-alive call extended it. */
  sessionState(verificationToken: string) {
    return this.call<{ active: boolean; expiresAt: number; keptAliveAt: number[] }>(
      "GET",
      `/sessions/${encodeURIComponent(verificationToken)}`,
    );
  }

  expireSession(verificationToken: string) {
    return this.call<{ expired: true }>("POST", "/sessions/expire", { verificationToken });
  }

  configure(config: Partial<Omit<EmulatorConfig, "fault">> & { fault?: Partial<FaultConfig> }) {
    return this.call<EmulatorConfig>("PUT", "/config", config);
  }

  rotateKeys() {
    return this.call<{ current: string[] }>("POST", "/keys/rotate");
  }

  retireKeys() {
    return this.call<{ current: string[] }>("POST", "/keys/retire");
  }

  /** A JWT for the user signed by the current key 0; `expiresInSeconds` may be negative. */
  mintJwt(input: { userId: string; expiresInSeconds?: number; audience?: string }) {
    return this.call<{ token: string; keyId: string }>("POST", "/jwt", input);
  }

  stats() {
    return this.call<{ requests: Record<string, number> }>("GET", "/stats").then((s) => s.requests);
  }

  resetStats() {
    return this.call<{ requests: Record<string, number> }>("DELETE", "/stats");
  }
}
