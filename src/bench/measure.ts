import { setTimeout as sleep } from "node:timers/promises";
import type { EmulatorAdmin } from "../emulator/admin-client.js";
import type { Child } from "./children.js";
import { type LoadResult, type LoadSpec, runLoad } from "./load.js";
import { machineBusyMs, readUsage, resetPeak } from "./proc-usage.js";
import type { Server } from "./servers.js";

export interface Upstream {
  emulator: Child;
  admin: EmulatorAdmin;
  /**
   * Answers can trigger upstream calls that finish after them (the SDK's start-up checks), and requests cut
   * off when a run stops still complete: waited out before a run and after it, so each run counts its own.
   */
  settleMs: number;
}

export interface Measurement extends LoadResult {
  scenario: string;
  server: Server["name"];
  connections: number;
  /** Para requests the emulator counted during the run, per request sent, by route and in all. */
  upstreamPerOp: Record<string, number>;
  upstreamTotalPerOp: number;
  /** The server process tree's CPU per request sent (the settling included). */
  cpuMsPerOp: number;
  /** Shares of one core while the load ran: the server, the emulator, and everything not the bench's. */
  serverCpuPct: number;
  emulatorCpuPct: number;
  otherCpuPct: number;
  peakRssMb: number;
  rssMb: number;
}

/** One load run with the server's CPU, memory and upstream calls read around it. */
export async function measure(
  scenario: string,
  server: Server,
  spec: Omit<LoadSpec, "url">,
  upstream: Upstream,
): Promise<Measurement> {
  await sleep(upstream.settleMs);
  await upstream.admin.resetStats();
  resetPeak(server.child.pid);
  const before = snapshot(server, upstream);
  const load = await runLoad({ ...spec, url: server.url });
  const ran = snapshot(server, upstream);
  await sleep(upstream.settleMs);
  const settled = snapshot(server, upstream);
  server.child.assertAlive();
  upstream.emulator.assertAlive();
  const stats = await upstream.admin.stats();

  const perOp = (n: number) => (load.sent === 0 ? 0 : n / load.sent);
  const pct = (ms: number) => (ms / (load.durationSec * 1000)) * 100;
  const serverMs = ran.server.cpuMs - before.server.cpuMs;
  const emulatorMs = ran.emulator.cpuMs - before.emulator.cpuMs;
  const loadGenMs = (load.loadGenCpuPct / 100) * load.durationSec * 1000;
  return {
    scenario,
    server: server.name,
    connections: spec.connections,
    ...load,
    upstreamPerOp: Object.fromEntries(Object.entries(stats).map(([route, n]) => [route, perOp(n)])),
    upstreamTotalPerOp: perOp(Object.values(stats).reduce((a, b) => a + b, 0)),
    cpuMsPerOp: perOp(settled.server.cpuMs - before.server.cpuMs),
    serverCpuPct: pct(serverMs),
    emulatorCpuPct: pct(emulatorMs),
    otherCpuPct: Math.max(0, pct(ran.machineMs - before.machineMs - serverMs - emulatorMs - loadGenMs)),
    peakRssMb: settled.server.peakRssMb,
    rssMb: settled.server.rssMb,
  };
}

function snapshot(server: Server, upstream: Upstream) {
  return {
    server: readUsage(server.child.pid),
    emulator: readUsage(upstream.emulator.pid),
    machineMs: machineBusyMs(),
  };
}
