import type { Config } from "../config.js";
import { GatewayError } from "../errors.js";

type Scope = "process" | "address" | "user";

const SETTING: Record<Scope, string> = {
  process: "STREAMS_PER_PROCESS",
  address: "STREAMS_PER_ADDRESS",
  user: "STREAMS_PER_USER",
};

/**
 * Open sessionEvents streams, counted per process, per client address and per user: each stream holds
 * a response, a subscription and timers, so without a cap one login could open thousands. A stream is
 * admitted before it starts and released exactly once, however it ends.
 */
export class StreamBudget {
  private open = 0;
  private readonly byAddress = new Map<string, number>();
  private readonly byUser = new Map<string, number>();

  constructor(private readonly limits: Pick<Config["streams"], "perProcess" | "perAddress" | "perUser">) {}

  get openStreams(): number {
    return this.open;
  }

  /** Takes a place for a stream, or throws LIMIT_EXCEEDED (HTTP 429); the release gives it back, once. */
  admit(address: string, userId: string): () => void {
    const full: Scope | undefined =
      this.open >= this.limits.perProcess
        ? "process"
        : (this.byAddress.get(address) ?? 0) >= this.limits.perAddress
          ? "address"
          : (this.byUser.get(userId) ?? 0) >= this.limits.perUser
            ? "user"
            : undefined;
    if (full) {
      throw new GatewayError(
        "LIMIT_EXCEEDED",
        `Too many open sessionEvents streams ${full === "process" ? "on this server" : `for this ${full}`} (${SETTING[full]}): close one first.`,
        { http: { status: 429 } },
      );
    }
    this.open++;
    bump(this.byAddress, address, 1);
    bump(this.byUser, userId, 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open--;
      bump(this.byAddress, address, -1);
      bump(this.byUser, userId, -1);
    };
  }
}

/** Counts by key, dropping a key at zero so the maps hold only what is open. */
function bump(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next <= 0) counts.delete(key);
  else counts.set(key, next);
}
