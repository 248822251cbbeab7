import { setTimeout as sleep } from "node:timers/promises";
import { runLoad } from "./load.js";
import { readProcesses, resetPeak } from "./proc-usage.js";
import { answers, cycle, gatewayRequests } from "./requests.js";
import type { Server } from "./servers.js";

/** One gateway process as the bench saw it. */
export interface ProcessMemory {
  pid: number;
  /** `supervisor` (node:cluster primary, no SDK) or `worker` (serves requests). */
  role: "supervisor" | "worker";
  rssMb: number;
  /** Peak RSS since the phase began. */
  peakRssMb: number;
  /** Heap used after the last full GC, from the worker's /metrics; null for the supervisor or when unseen. */
  heapAfterGcMb: number | null;
}

export interface MemoryReading {
  /** Imports of distinct sessions done in the phase when this was read. */
  imports: number;
  failedImports: number;
  processes: ProcessMemory[];
}

const QUIET_MS = 1_000;
/** Scrapes of /metrics: cluster hands them to the workers in turn, so each is seen. */
const SCRAPES = 12;

const sumRss = (r: MemoryReading) => r.processes.reduce((a, p) => a + p.rssMb, 0);
export const rssGrowthMb = (first: MemoryReading, last: MemoryReading) => sumRss(last) - sumRss(first);

/** Heap after GC by pid, from the workers' /metrics. */
async function heapAfterGc(gateway: Server): Promise<Map<number, number>> {
  const byPid = new Map<number, number>();
  for (let i = 0; i < SCRAPES; i++) {
    const text = await (await fetch(new URL("/metrics", gateway.url))).text();
    for (const [, pid, bytes] of text.matchAll(/^para_gateway_heap_after_gc_bytes\{pid="(\d+)"\} (\S+)$/gm)) {
      byPid.set(Number(pid), Number(bytes) / 2 ** 20);
    }
  }
  return byPid;
}

/** Every process of the gateway, at rest. */
export async function readGatewayMemory(gateway: Server, imports = 0, failedImports = 0): Promise<MemoryReading> {
  await sleep(QUIET_MS);
  gateway.child.assertAlive();
  const heaps = await heapAfterGc(gateway);
  const processes = readProcesses(gateway.child.pid).map(
    (p): ProcessMemory => ({
      ...p,
      role: p.pid === gateway.child.pid && heaps.size > 0 && !heaps.has(p.pid) ? "supervisor" : "worker",
      heapAfterGcMb: heaps.get(p.pid) ?? null,
    }),
  );
  return { imports, failedImports, processes };
}

/**
 * Imports `blobs` (each a distinct session) at `connections`, reading the gateway's memory after the
 * first `firstMark` and after all of them, with the peak of each process over the whole run.
 */
export async function importRun(
  gateway: Server,
  blobs: string[],
  firstMark: number,
  connections: number,
  maxSec: number,
): Promise<{ first: MemoryReading; last: MemoryReading }> {
  resetPeak(gateway.child.pid);
  let imports = 0;
  let failed = 0;
  const importAll = async (batch: string[], seconds: number) => {
    const load = await runLoad({
      url: gateway.url,
      connections,
      amount: batch.length,
      maxSec: seconds,
      next: cycle(batch.map(gatewayRequests.import)),
      ok: answers('"sessionToken"'),
    });
    imports += load.ok;
    failed += load.failed + load.connectionErrors;
  };
  const startedAt = Date.now();
  await importAll(blobs.slice(0, firstMark), maxSec);
  const first = await readGatewayMemory(gateway, imports, failed);
  await importAll(blobs.slice(firstMark), Math.max(5, maxSec - (Date.now() - startedAt) / 1000));
  const last = await readGatewayMemory(gateway, imports, failed);
  return { first, last };
}
