import { setTimeout as sleep } from "node:timers/promises";
import { runLoad } from "./load.js";
import { readUsage, resetPeak } from "./proc-usage.js";
import { answers, cycle, gatewayRequests } from "./requests.js";
import type { Server } from "./servers.js";

export interface RssReading {
  /** Successful imports the gateway had done when RSS was read. */
  imports: number;
  /** Imports that failed on the way there (memory read after failures says little). */
  failedImports: number;
  rssMb: number;
  /** Peak during this phase. */
  peakRssMb: number;
}

const QUIET_MS = 1_000;

/**
 * Counts the gateway's successful imports over the whole run (preparation, scenarios, memory phases), and
 * brings them up to a mark with more imports, so its RSS can be read after 1,000 and after 20,000.
 */
export class ImportTally {
  constructor(
    private readonly gateway: Server,
    private readonly blobs: string[],
    private imports: number,
  ) {}

  private failed = 0;

  /** Imports done outside the tally (the import scenarios). */
  record(imports: number): void {
    this.imports += imports;
  }

  /** Imports at `connections` until `target` or `maxSec`, then reads the gateway's memory. */
  async reach(target: number, connections: number, maxSec?: number): Promise<RssReading> {
    resetPeak(this.gateway.child.pid);
    const missing = target - this.imports;
    if (missing > 0) {
      const load = await runLoad({
        url: this.gateway.url,
        connections,
        amount: missing,
        maxSec,
        next: cycle(this.blobs.map(gatewayRequests.import)),
        ok: answers('"sessionToken"'),
      });
      this.imports += load.ok;
      this.failed += load.failed + load.connectionErrors;
    }
    this.gateway.child.assertAlive();
    // Requests cut off when the load stopped finish first: the reading is of a gateway at rest.
    await sleep(QUIET_MS);
    const usage = readUsage(this.gateway.child.pid);
    return { imports: this.imports, failedImports: this.failed, rssMb: usage.rssMb, peakRssMb: usage.peakRssMb };
  }
}
