import { parseArgs } from "node:util";

export interface BenchOptions {
  quick: boolean;
  /** Injected upstream latency of every Para route, ms. */
  latencyMs: number;
  /** Length of each measured load run, and of the unmeasured warm-up before a server's first run, s. */
  durationSec: number;
  warmupSec: number;
  /** Users with a live session, cycled through by the session scenarios. */
  poolSize: number;
  /** Users driving the mixed scenario. */
  mixedUsers: number;
  concurrency: { low: number; high: number; saturating: number };
  /** Distinct sessions imported at `connections` in the memory phase; RSS is read after `first` and after `last`. */
  memory: { first: number; last: number; connections: number };
  floor: { sequential: number; concurrent: number; concurrency: number };
  /** The CPU-ratio phase (Para answering at once): rounds of every operation in turn, seconds per run, its users. */
  cpuRatios: { rounds: number; durationSec: number; users: number };
  /** Distinct due sessions the session keeper extends, once with lean SDK instances and once with full ones. */
  keeperSessions: number;
  /** Wall-clock budget of the whole run; the second memory phase stops early to keep it. */
  budgetSec: number;
  /** Extra environment for the gateway (`--workers N`, `--env KEY=VALUE`), so variants can be compared. */
  gatewayEnv: Record<string, string>;
  /** Traces on, at full sampling, exported over OTLP to a sink in the bench's own process (`--tracing`). */
  tracing: boolean;
}

const USAGE = `npm run bench -- [--quick] [--latency MS] [--duration S] [--workers N] [--env KEY=VALUE]...

  --quick        about a minute: shorter runs, a smaller pool, memory scaled down to 200 → 1,000 imports
  --latency MS   upstream latency the emulator injects (default 20)
  --duration S   seconds per measured run (default 8, quick 2)
  --workers N    gateway processes (WORKERS=N)
  --env K=V      any other gateway environment variable (repeatable)
  --tracing      OpenTelemetry traces on at full sampling, exported (OTLP/protobuf) to a sink in this process
  --keeper-scale instead of the load runs: the keeper with 5,000 managed 120 s sessions on two replicas (~10 min)`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean", default: false },
      latency: { type: "string", default: "20" },
      duration: { type: "string" },
      workers: { type: "string" },
      env: { type: "string", multiple: true, default: [] },
      tracing: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const quick = values.quick;
  const gatewayEnv: Record<string, string> = {};
  for (const pair of values.env) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new Error(`--env takes KEY=VALUE, got "${pair}"\n\n${USAGE}`);
    gatewayEnv[pair.slice(0, at)] = pair.slice(at + 1);
  }
  if (values.workers) gatewayEnv.WORKERS = values.workers;
  // Run as in a container: 256 MB per worker, unless the caller says otherwise.
  gatewayEnv.MEMORY_LIMIT_MB ??= String(256 * Number(gatewayEnv.WORKERS ?? 1));
  return {
    quick,
    latencyMs: positiveNumber("--latency", values.latency, true),
    durationSec: positiveNumber("--duration", values.duration ?? (quick ? "2" : "8")),
    warmupSec: quick ? 1 : 2,
    poolSize: quick ? 50 : 200,
    mixedUsers: 50,
    concurrency: { low: 4, high: 20, saturating: 32 },
    memory: quick ? { first: 200, last: 1_000, connections: 10 } : { first: 1_000, last: 5_000, connections: 10 },
    floor: quick
      ? { sequential: 30, concurrent: 60, concurrency: 4 }
      : { sequential: 100, concurrent: 300, concurrency: 4 },
    cpuRatios: quick ? { rounds: 3, durationSec: 1, users: 60 } : { rounds: 3, durationSec: 3, users: 300 },
    keeperSessions: quick ? 100 : 300,
    budgetSec: quick ? 85 : 340,
    gatewayEnv,
    tracing: values.tracing,
  };
}

function positiveNumber(flag: string, value: string, zeroAllowed = false): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !zeroAllowed))
    throw new Error(`${flag} takes a number, got "${value}"`);
  return n;
}
