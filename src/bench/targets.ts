import { CPU_OVER_STORE_ONLY_LIMITS, type CpuRatios } from "./cpu-ratios.js";
import type { KeeperRun } from "./keeper-rate.js";
import type { Measurement } from "./measure.js";
import { type MemoryReading, rssGrowthMb } from "./memory.js";
import type { BenchOptions } from "./options.js";
import type { Floor } from "./servers.js";
import type { VerifyWalletsCheck } from "./verify-wallets-check.js";

export interface Outcome {
  measurements: Measurement[];
  verifyWallets: VerifyWalletsCheck;
  memory: { idle: MemoryReading; first: MemoryReading; last: MemoryReading };
  floor: Floor;
  /** Para-backed operations' CPU over the store-only query's, Para answering at once. */
  cpuRatios: CpuRatios;
  /** The session keeper's rate, with lean and with full SDK instances, in the same run. */
  keeper: { lean: KeeperRun; full: KeeperRun };
}

export interface TargetResult {
  target: string;
  measured: string;
  pass: boolean;
  /** Why the number is not the whole story (failed answers, a scaled-down or shortened phase). */
  note?: string;
}

/** Ratios of the issue; null where a run is missing or did nothing. */
export interface Ratios {
  gatewayOverBaselineReqPerSec: Record<string, number | null>;
  verifyWalletOverCeiling: number | null;
  verifyJwtOverCeiling: number | null;
  cpuPerImportOverFloor: number | null;
  /**
   * The gateway's CPU per operation over the store-only session query's in the load runs (c=low, at the
   * run's upstream latency), by scenario: for comparison with the CPU-ratio phase, which the target reads.
   */
  cpuOverStoreOnlyAtLatency: Record<string, number | null>;
  /** Keeper extensions per core-second, lean instances over full ones. */
  keeperLeanOverFull: number | null;
}

const runName = (m: Measurement) => `${m.scenario} c=${m.connections}`;

function find(all: Measurement[], scenario: string, server: string, connections?: number): Measurement | undefined {
  return all.find(
    (m) =>
      m.scenario === scenario && m.server === server && (connections === undefined || m.connections === connections),
  );
}

const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? a / b : null);

export function ratios(outcome: Outcome, options: BenchOptions): Ratios {
  const all = outcome.measurements;
  const gatewayOverBaselineReqPerSec: Record<string, number | null> = {};
  for (const g of all.filter((m) => m.server === "gateway")) {
    const b = find(all, g.scenario, "baseline", g.connections);
    if (b) gatewayOverBaselineReqPerSec[runName(g)] = ratio(g.okPerSec, b.okPerSec);
  }
  return {
    gatewayOverBaselineReqPerSec,
    verifyWalletOverCeiling: ratio(
      find(all, "verifyWallet", "gateway")?.okPerSec,
      find(all, "verifyWallet", "hello")?.okPerSec,
    ),
    verifyJwtOverCeiling: ratio(
      find(all, "verifyJwt", "gateway")?.okPerSec,
      find(all, "verifyWallet", "hello")?.okPerSec,
    ),
    cpuPerImportOverFloor: ratio(
      find(all, "import", "gateway", options.concurrency.low)?.cpuMsPerOp,
      outcome.floor.concurrent.cpuMsPerImport,
    ),
    cpuOverStoreOnlyAtLatency: Object.fromEntries(
      Object.keys(CPU_OVER_STORE_ONLY_LIMITS).map((scenario) => [
        scenario,
        ratio(
          find(all, scenario, "gateway", options.concurrency.low)?.cpuMsPerOp,
          find(all, "sessionStored", "gateway", options.concurrency.low)?.cpuMsPerOp,
        ),
      ]),
    ),
    keeperLeanOverFull: ratio(outcome.keeper.lean.extensionsPerCoreSecond, outcome.keeper.full.extensionsPerCoreSecond),
  };
}

/** The targets, each pass or miss; a run with failed answers misses whatever its numbers say. */
export function evaluateTargets(outcome: Outcome, r: Ratios, options: BenchOptions): TargetResult[] {
  const all = outcome.measurements;
  const { low, high } = options.concurrency;
  const failures = (...runs: (Measurement | undefined)[]) => {
    const failed = runs.reduce((n, m) => n + (m ? m.failed + m.connectionErrors : 0), 0);
    return failed > 0 ? `${failed} failed answers` : undefined;
  };
  const p50 = (scenario: string, limit: number): TargetResult => {
    const m = find(all, scenario, "gateway", low);
    const note = failures(m);
    return {
      target: `${scenario} p50 ≤ ${limit} ms at c=${low}`,
      measured: m ? `${m.p50Ms} ms` : "not run",
      pass: m !== undefined && m.p50Ms <= limit && !note,
      note,
    };
  };
  const times = (x: number | null) => (x === null ? "n/a" : `${x.toFixed(2)}×`);
  const importHigh = r.gatewayOverBaselineReqPerSec[`import c=${high}`] ?? null;
  const vw = outcome.verifyWallets;
  const { idle, first, last } = outcome.memory;
  const growth = rssGrowthMb(first, last);
  const workersIdle = idle.processes.filter((p) => p.role === "worker");
  const idleMax = Math.max(...workersIdle.map((p) => p.rssMb));
  const peakMax = Math.max(...last.processes.map((p) => p.peakRssMb));
  const memoryNotes = [
    options.quick
      ? `quick: ${options.memory.first} → ${options.memory.last} imports, scaled down from 1,000 → 5,000`
      : "",
    last.imports < options.memory.last ? `only ${last.imports} imports within the time budget` : "",
    last.failedImports > 0 ? `${last.failedImports} imports failed` : "",
  ].filter(Boolean);
  const importLow = find(all, "import", "gateway", low);
  return [
    {
      target: "calls to Para per checked import ≤ 1.05",
      measured: importLow ? importLow.upstreamTotalPerOp.toFixed(2) : "not run",
      pass: importLow !== undefined && importLow.upstreamTotalPerOp <= 1.05 && !failures(importLow),
      note: failures(importLow),
    },
    p50("import", 30),
    {
      target: `import req/s at c=${high} ≥ 1.5× baseline`,
      measured: times(importHigh),
      pass: importHigh !== null && importHigh >= 1.5 && !failures(find(all, "import", "gateway", high)),
      note: failures(find(all, "import", "gateway", high), find(all, "import", "baseline", high)),
    },
    p50("session", 28),
    p50("issueJwt", 28),
    {
      target: "verifyWallet req/s ≥ 0.9× hello ceiling",
      measured: times(r.verifyWalletOverCeiling),
      pass:
        r.verifyWalletOverCeiling !== null &&
        r.verifyWalletOverCeiling >= 0.9 &&
        !failures(find(all, "verifyWallet", "gateway")),
      note: failures(find(all, "verifyWallet", "gateway"), find(all, "verifyWallet", "hello")),
    },
    {
      target: "verifyJwt req/s ≥ 0.85× hello ceiling, 0 calls to Para",
      measured: `${times(r.verifyJwtOverCeiling)}, ${find(all, "verifyJwt", "gateway")?.upstreamTotalPerOp.toFixed(2) ?? "n/a"} calls/op`,
      pass:
        r.verifyJwtOverCeiling !== null &&
        r.verifyJwtOverCeiling >= 0.85 &&
        find(all, "verifyJwt", "gateway")?.upstreamTotalPerOp === 0 &&
        !failures(find(all, "verifyJwt", "gateway")),
      note: failures(find(all, "verifyJwt", "gateway")),
    },
    {
      target: `verifyWallets ${vw.addresses}/${vw.distinct}: ${vw.distinct} upstream calls cold, 0 warm`,
      measured: `${vw.cold.upstreamCalls} cold, ${vw.warm.upstreamCalls} warm`,
      pass: vw.cold.upstreamCalls === vw.distinct && vw.warm.upstreamCalls === 0 && vw.cold.correct && vw.warm.correct,
      note: vw.cold.correct && vw.warm.correct ? undefined : "an answer was wrong or had errors",
    },
    {
      target: "idle gateway worker RSS ≤ 170 MB",
      measured: `${idleMax.toFixed(0)} MB`,
      pass: workersIdle.length > 0 && idleMax <= 170,
    },
    {
      target: `peak RSS of each gateway process ≤ 250 MB over ${options.memory.last} distinct imports at c=${options.memory.connections}`,
      measured: `${peakMax.toFixed(0)} MB`,
      pass: peakMax <= 250 && last.imports >= options.memory.last && last.failedImports === 0,
      note: memoryNotes.length > 0 ? memoryNotes.join("; ") : undefined,
    },
    {
      target: `RSS(${last.imports}) − RSS(${first.imports}) ≤ 30 MB`,
      measured: `${growth.toFixed(1)} MB`,
      pass: growth <= 30 && last.imports >= options.memory.last && last.failedImports === 0,
      note: memoryNotes.length > 0 ? memoryNotes.join("; ") : undefined,
    },
    ...Object.entries(CPU_OVER_STORE_ONLY_LIMITS).map(([scenario, limit]): TargetResult => {
      const { overStoreOnly, runs, rounds } = outcome.cpuRatios;
      const x = overStoreOnly[scenario] ?? null;
      const note = failures(...runs.filter((m) => m.scenario === scenario || m.scenario === "sessionStored"));
      return {
        target: `CPU/op of ${scenario} ≤ ${limit}× the store-only session query's (Para at 0 ms, c=${low}, median of ${rounds})`,
        measured: times(x),
        pass: x !== null && x <= limit && !note,
        note,
      };
    }),
    {
      target: "keeper extensions per core-second, lean instances ≥ 2× full ones",
      measured: `${outcome.keeper.lean.extensionsPerCoreSecond.toFixed(0)} vs ${outcome.keeper.full.extensionsPerCoreSecond.toFixed(0)}: ${times(r.keeperLeanOverFull)}`,
      pass:
        r.keeperLeanOverFull !== null &&
        r.keeperLeanOverFull >= 2 &&
        outcome.keeper.lean.failed === 0 &&
        outcome.keeper.full.failed === 0,
      note:
        outcome.keeper.lean.failed + outcome.keeper.full.failed > 0
          ? `${outcome.keeper.lean.failed} lean and ${outcome.keeper.full.failed} full extensions failed`
          : undefined,
    },
    {
      target: "gateway CPU/import ≤ 0.7× floor",
      measured: times(r.cpuPerImportOverFloor),
      pass: r.cpuPerImportOverFloor !== null && r.cpuPerImportOverFloor <= 0.7,
    },
  ];
}
