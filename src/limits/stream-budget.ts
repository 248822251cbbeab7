import { GatewayError } from "../errors.js";
import type { Config } from "../runtime/config.js";
import { OpenCounts } from "./counts.js";

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
  private readonly byAddress = new OpenCounts();
  private readonly byUser = new OpenCounts();

  constructor(private readonly limits: Pick<Config["streams"], "perProcess" | "perAddress" | "perUser">) {}

  get openStreams(): number {
    return this.open;
  }

  /** Takes a place for a stream, or throws LIMIT_EXCEEDED (HTTP 429); the release gives it back, once. */
  admit(address: string, userId: string): () => void {
    const full: Scope | undefined =
      this.open >= this.limits.perProcess
        ? "process"
        : this.byAddress.get(address) >= this.limits.perAddress
          ? "address"
          : this.byUser.get(userId) >= this.limits.perUser
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
    this.byAddress.add(address);
    this.byUser.add(userId);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open--;
      this.byAddress.remove(address);
      this.byUser.remove(userId);
    };
  }
}
