import type { Measurement } from "./measure.js";
import type { MemoryReading } from "./memory.js";
import type { BenchOptions } from "./options.js";
import type { Machine } from "./results-file.js";
import type { Outcome, Ratios, TargetResult } from "./targets.js";

const n = (x: number, digits = 1) => x.toFixed(digits);
const OTHER_CPU_WARNING_PCT = 10;
const LOADGEN_SATURATED_PCT = 90;

/** Columns padded to their widest cell; numbers (and "peak/now" pairs) right-aligned. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (/^-?[\d.]+(\/[\d.]+)?$/.test(c) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const runName = (m: Measurement) => `${m.scenario} c=${m.connections} ${m.server}`;

function measurementRow(m: Measurement): string[] {
  return [
    m.scenario,
    m.server,
    String(m.connections),
    n(m.okPerSec),
    n(m.p50Ms, 0),
    n(m.p99Ms, 0),
    String(m.failed + m.connectionErrors),
    n(m.upstreamTotalPerOp, 2),
    n(m.cpuMsPerOp, 2),
    n(m.serverCpuPct, 0),
    m.server === "gateway" ? `${n(m.peakRssMb, 0)}/${n(m.rssMb, 0)}` : n(m.peakRssMb, 0),
    n(m.emulatorCpuPct, 0),
    n(m.loadGenCpuPct, 0),
    n(m.otherCpuPct, 0),
  ];
}

/** Say so next to the numbers when something else than the server was the limit. */
function warnings(measurements: Measurement[]): string[] {
  const lines: string[] = [];
  const busy = measurements.filter((m) => m.otherCpuPct > OTHER_CPU_WARNING_PCT);
  if (busy.length > 0) {
    lines.push(
      `WARNING: other processes used more than ${OTHER_CPU_WARNING_PCT}% of a core during ${busy.length} run(s) ` +
        `(up to ${n(Math.max(...busy.map((m) => m.otherCpuPct)), 0)}%): those numbers are low. Run on an idle machine.`,
    );
  }
  for (const m of measurements.filter((m) => m.loadGenCpuPct > LOADGEN_SATURATED_PCT)) {
    lines.push(
      `WARNING: the load generator used ${n(m.loadGenCpuPct, 0)}% of a core in ${runName(m)}: it may be the limit.`,
    );
  }
  return lines;
}

function upstreamByRoute(m: Measurement): string {
  const routes = Object.entries(m.upstreamPerOp).sort(([a], [b]) => a.localeCompare(b));
  return `  ${runName(m)}: ${routes.map(([route, perOp]) => `${route} ${n(perOp, 2)}`).join(", ") || "none"}`;
}

export function formatReport(
  machine: Machine,
  options: BenchOptions,
  outcome: Outcome,
  r: Ratios,
  targets: TargetResult[],
  wallSec: number,
): string {
  const { measurements, floor, memory, verifyWallets: vw, keeper, cpuRatios } = outcome;
  const runs = table(
    [
      "scenario",
      "server",
      "conn",
      "req/s",
      "p50 ms",
      "p99 ms",
      "failed",
      "upstream/op",
      "CPU ms/op",
      "CPU %",
      "RSS MB peak(/now)",
      "emulator CPU %",
      "loadgen CPU %",
      "other CPU %",
    ],
    measurements.map(measurementRow),
  );
  const failedSamples = measurements.filter((m) => m.failedSample).map((m) => `  ${runName(m)}: ${m.failedSample}`);
  const ratioLines = [
    ...Object.entries(r.gatewayOverBaselineReqPerSec).map(
      ([run, x]) => `  gateway/baseline req/s, ${run}: ${x === null ? "n/a" : `${n(x, 2)}×`}`,
    ),
    `  gateway/hello ceiling req/s, verifyWallet: ${r.verifyWalletOverCeiling === null ? "n/a" : `${n(r.verifyWalletOverCeiling, 2)}×`}`,
    `  gateway/hello ceiling req/s, verifyJwt: ${r.verifyJwtOverCeiling === null ? "n/a" : `${n(r.verifyJwtOverCeiling, 2)}×`}`,
    `  gateway CPU/import (import c=${options.concurrency.low}) ÷ floor (concurrency ${floor.concurrent.concurrency}): ` +
      `${r.cpuPerImportOverFloor === null ? "n/a" : `${n(r.cpuPerImportOverFloor, 2)}×`}`,
    ...Object.entries(r.cpuOverStoreOnlyAtLatency).map(
      ([scenario, x]) =>
        `  gateway CPU/op, ${scenario} ÷ store-only session query (load runs, latency ${options.latencyMs} ms, c=${options.concurrency.low}): ${x === null ? "n/a" : `${n(x, 2)}×`}`,
    ),
  ];
  const keeperLine = (k: typeof keeper.lean) =>
    `${n(k.extensionsPerCoreSecond, 0)} extensions/s per core (${n(k.cpuMsPerExtension, 2)} CPU ms each; ` +
    `${k.extensions} extended, ${k.failed} failed, ${n(k.wallSec, 1)} s)`;
  const targetRows = targets.map((t) => [t.pass ? "PASS" : "miss", t.target, t.measured, t.note ?? ""]);
  return [
    `Para gateway benchmark${options.quick ? " (--quick)" : ""}: ${machine.cpuCount} × ${machine.cpuModel}, ` +
      `${n(machine.totalMemoryGb)} GB, node ${machine.node}; upstream latency ${options.latencyMs} ms, ` +
      `${options.durationSec} s per run; gateway env ${JSON.stringify(options.gatewayEnv)}; took ${n(wallSec, 0)} s`,
    "",
    runs,
    "",
    "req/s: answers that passed the check, per second. CPU: the server's process tree, per request sent, and % of one",
    "core while the load ran (other: processes that are not the bench's). failed: answers that failed the check",
    "(non-2xx, GraphQL errors) and connection errors. mixed runs on the gateway only: the baseline has no keep-alive.",
    ...warnings(measurements),
    "",
    "upstream calls per request sent, by route (emulator stats):",
    ...measurements.map(upstreamByRoute),
    ...(failedSamples.length > 0 ? ["failed answers, first of each run:", ...failedSamples] : []),
    "",
    `CPU per operation with Para answering at once (the gateway's process tree, c=${options.concurrency.low}, ` +
      `${cpuRatios.rounds} rounds of ${cpuRatios.durationSec} s, every operation in turn, ${cpuRatios.users} users):`,
    table(
      ["scenario", "each round, CPU ms/op", "median", "÷ store-only", "req/s (median)"],
      Object.entries(cpuRatios.medianCpuMsPerOp).map(([scenario, median]) => [
        scenario,
        cpuRatios.runs
          .filter((m) => m.scenario === scenario)
          .map((m) => n(m.cpuMsPerOp, 2))
          .join(" "),
        n(median, 3),
        `${n(cpuRatios.overStoreOnly[scenario] ?? Number.NaN, 2)}×`,
        n(cpuRatios.medianOkPerSec[scenario] ?? Number.NaN, 0),
      ]),
    ),
    `bare-SDK floor (new Para + importSession + isSessionActive): ` +
      `${n(floor.sequential.cpuMsPerImport, 2)} CPU ms/import sequential (${floor.sequential.imports}, ${n(floor.sequential.wallMsPerImport, 0)} ms each), ` +
      `${n(floor.concurrent.cpuMsPerImport, 2)} at concurrency ${floor.concurrent.concurrency} (${floor.concurrent.imports})`,
    `session keeper, ${options.keeperSessions} distinct due sessions, SQLite store: lean SDK instances ${keeperLine(keeper.lean)}; ` +
      `full instances ${keeperLine(keeper.full)}`,
    `gateway memory (MEMORY_LIMIT_MB=${options.gatewayEnv.MEMORY_LIMIT_MB}), per process: idle, after ${memory.first.imports} ` +
      `and ${memory.last.imports} distinct imports at c=${options.memory.connections}, the run's peak, heap after the last full GC:`,
    table(
      [
        "pid",
        "role",
        "idle RSS MB",
        `RSS@${memory.first.imports}`,
        `RSS@${memory.last.imports}`,
        "peak RSS MB",
        "heap after GC MB",
      ],
      memory.last.processes.map((p) => {
        const at = (r: MemoryReading) => r.processes.find((q) => q.pid === p.pid);
        return [
          String(p.pid),
          p.role,
          n(at(memory.idle)?.rssMb ?? Number.NaN, 0),
          n(at(memory.first)?.rssMb ?? Number.NaN, 0),
          n(p.rssMb, 0),
          n(p.peakRssMb, 0),
          p.heapAfterGcMb === null ? "-" : n(p.heapAfterGcMb, 1),
        ];
      }),
    ),
    `verifyWallets ${vw.addresses} addresses / ${vw.distinct} distinct: ${vw.cold.upstreamCalls} upstream calls cold ` +
      `(${n(vw.cold.ms, 0)} ms), ${vw.warm.upstreamCalls} warm (${n(vw.warm.ms, 0)} ms)` +
      `${vw.cold.correct && vw.warm.correct ? "" : "; AN ANSWER WAS WRONG"}`,
    "",
    "ratios:",
    ...ratioLines,
    "",
    table(["", "target", "measured", "note"], targetRows),
  ].join("\n");
}
