import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stopAllChildren } from "./children.js";
import { measureCpuRatios } from "./cpu-ratios.js";
import { distinctSessions, prepareFixtures } from "./fixtures.js";
import { runKeeperScale } from "./keeper-scale.js";
import type { Measurement } from "./measure.js";
import { importRun, readGatewayMemory } from "./memory.js";
import { parseOptions } from "./options.js";
import { formatReport } from "./report.js";
import { machineFacts, writeResults } from "./results-file.js";
import { loadScenarios, runScenarios } from "./scenarios.js";
import {
  runKeeperRate,
  runSdkFloor,
  startBaseline,
  startEmulatorProcess,
  startGatewayProcess,
  startHello,
} from "./servers.js";
import { evaluateTargets, ratios } from "./targets.js";
import { startTraceSink } from "./trace-sink.js";
import { checkVerifyWallets } from "./verify-wallets-check.js";

/**
 * `npm run bench [-- --quick]`: the emulator, the gateway, the seed-style baseline and a hello-world Yoga
 * server, each its own process, driven by autocannon from here. Prints a table, writes bench-results/.
 */
if (process.argv.includes("--keeper-scale")) process.exit(runKeeperScale());
const startedAt = new Date();
const options = parseOptions(process.argv.slice(2));
const elapsedSec = () => (Date.now() - startedAt.getTime()) / 1000;
const progress = (text: string) => process.stderr.write(`[${elapsedSec().toFixed(0).padStart(3)} s] ${text}\n`);
/** Seconds kept back from the budget for the report and shutting down. */
const RESERVE_SEC = 10;

const storeDir = await mkdtemp(join(tmpdir(), "gateway-bench-"));
const cleanUps: (() => Promise<void>)[] = [];
const cleanUp = async () => {
  await stopAllChildren();
  for (const close of cleanUps) await close();
  await rm(storeDir, { recursive: true, force: true });
};
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    progress(`${signal}: stopping every process`);
    void cleanUp().finally(() => process.exit(130));
  });
}

const describe = (m: Measurement) =>
  `${m.scenario} c=${m.connections} ${m.server}: ${m.okPerSec.toFixed(1)} req/s, p50 ${m.p50Ms} ms, ` +
  `p99 ${m.p99Ms} ms, ${m.failed + m.connectionErrors} failed, ${m.cpuMsPerOp.toFixed(2)} CPU ms/op`;

async function run(): Promise<void> {
  if (options.tracing) {
    const sink = await startTraceSink();
    cleanUps.push(sink.close);
    Object.assign(options.gatewayEnv, { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url, OTEL_TRACES_SAMPLER: "always_on" });
    progress(`tracing on, exported to ${sink.url}`);
  }
  progress(`starting the emulator (latency ${options.latencyMs} ms), the gateway, the baseline, hello`);
  const { child: emulator, admin } = await startEmulatorProcess(options.latencyMs);
  const upstream = { emulator, admin, settleMs: 300 + 5 * options.latencyMs };
  const gateway = await startGatewayProcess(options, join(storeDir, "sessions.db"));
  const baseline = await startBaseline();
  const hello = await startHello();
  progress("memory: the gateway at rest");
  const idle = await readGatewayMemory(gateway);

  progress(`preparing ${options.poolSize} users with live sessions, each imported and its address verified once`);
  const fixtures = await prepareFixtures(admin, gateway.url, options.poolSize);

  const scenarios = loadScenarios({ gateway, baseline, hello }, fixtures, options);
  const measurements = await runScenarios(scenarios, upstream, options, [], (m) => progress(describe(m)));

  const { rounds, durationSec, users } = options.cpuRatios;
  progress(
    `CPU ratios, Para answering at once: ${rounds} rounds of every operation, ${durationSec} s each, ${users} users`,
  );
  const cpuRatios = await measureCpuRatios(gateway, upstream, options);
  for (const m of cpuRatios.runs) progress(`  ${describe(m)}`);
  progress("verifyWallets: upstream calls cold and warm");
  const verifyWallets = await checkVerifyWallets(upstream, gateway.url, fixtures.coldAddresses);
  progress("bare-SDK floor");
  const floor = await runSdkFloor(options, emulator.ready);
  progress(`session keeper: ${options.keeperSessions} due sessions, with lean SDK instances, then with full ones`);
  const keeper = {
    lean: await runKeeperRate(options, emulator.ready, true),
    full: await runKeeperRate(options, emulator.ready, false),
  };
  const { first: firstMark, last: total, connections } = options.memory;
  progress(`memory: ${total} distinct sessions for the gateway to import`);
  const blobs = await distinctSessions(admin, fixtures.pool, total);
  const maxSec = Math.max(5, options.budgetSec - elapsedSec() - RESERVE_SEC);
  progress(
    `memory: the gateway imports ${total} distinct sessions at c=${connections} (at most ${maxSec.toFixed(0)} s)`,
  );
  const { first, last } = await importRun(gateway, blobs, firstMark, connections, maxSec);

  const outcome = { measurements, cpuRatios, verifyWallets, memory: { idle, first, last }, floor, keeper };
  const r = ratios(outcome, options);
  const targets = evaluateTargets(outcome, r, options);
  const machine = machineFacts();
  const wallSec = elapsedSec();
  const file = await writeResults(startedAt, {
    startedAt: startedAt.toISOString(),
    wallSec,
    machine,
    options,
    ...outcome,
    ratios: r,
    targets,
  });
  process.stdout.write(`\n${formatReport(machine, options, outcome, r, targets, wallSec)}\n\nwritten: ${file}\n`);
}

try {
  await run();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
