import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

export interface FaultConfig {
  mode: "none" | "error500" | "hang" | "malformed" | "reset" | "status";
  /** With `status`: the HTTP status answered (a 431 as Para's proxy answers oversized headers, a 429…). */
  status?: number;
  /** Route keys (`"POST /touch"`) or patterns (`"/touch"`) the fault applies to; all Para routes when absent. */
  routes?: string[];
  /** Share of matching requests that fail, 0 to 1, spread evenly (0.5: every second one), never by chance. */
  rate: number;
  /** Only requests of this app (by its public or secret key); every app's when absent. */
  partnerId?: string;
}

/** Upstream latency and failures, injected in front of Para's routes (never the admin API). */
export class Faults {
  latencyMs = 0;
  private current: FaultConfig = { mode: "none", rate: 1 };
  /** Matching requests seen under the current fault: which of them fail follows from the count alone. */
  private matched = 0;

  get fault(): FaultConfig {
    return this.current;
  }

  /** A new fault starts its count again: with rate 0.5 its first matching request passes, its second fails. */
  set fault(next: FaultConfig) {
    this.current = next;
    this.matched = 0;
  }

  async delay(): Promise<void> {
    if (this.latencyMs > 0) await sleep(this.latencyMs);
  }

  /** The fault to inject for this route, if any. */
  pick(routeKey: string, pattern: string, partnerId: string | undefined): FaultConfig["mode"] | undefined {
    const { mode, routes, rate } = this.fault;
    if (mode === "none") return undefined;
    if (this.fault.partnerId !== undefined && this.fault.partnerId !== partnerId) return undefined;
    if (routes && !routes.includes(routeKey) && !routes.includes(pattern)) return undefined;
    // Evenly, not at random: a test of retries or of the breaker then sees the same sequence every run.
    const n = this.matched++;
    return Math.floor((n + 1) * rate) > Math.floor(n * rate) ? mode : undefined;
  }

  /** Answers with the fault; `hang` leaves the request open until the client gives up or the emulator closes. */
  inject(mode: FaultConfig["mode"], res: ServerResponse): void {
    switch (mode) {
      case "status":
        res
          .writeHead(this.fault.status ?? 500, { "content-type": "application/json" })
          .end(JSON.stringify({ message: `Injected HTTP ${this.fault.status ?? 500}` }));
        return;
      case "error500":
        res.writeHead(500, { "content-type": "application/json" }).end('{"message":"Internal Server Error"}');
        return;
      case "malformed":
        res.writeHead(200, { "content-type": "application/json" }).end('{"isAuthenticated": tru');
        return;
      case "reset":
        res.socket?.destroy();
        return;
      case "hang":
      case "none":
        return;
    }
  }
}
