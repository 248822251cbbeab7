import cluster from "node:cluster";
import { superviseWorkers } from "./runtime/cluster.js";
import { type Config, ConfigError, loadConfig } from "./runtime/config.js";
import { createLogger } from "./runtime/logger.js";
import { hasHeapLimit, workerSettings } from "./runtime/memory-budget.js";
import { answerWatchdog } from "./runtime/worker-watchdog.js";

/**
 * `npm start [-- --workers N]` (or `node dist/main.js`): the gateway alone, against the Para environment
 * PARA_ENV names. A supervisor forks the workers when there are several, or when a memory budget must
 * size a worker's heap (V8 takes that only at start); it loads nothing of the gateway itself.
 */
const workersFlag = process.argv.indexOf("--workers");
const env = workersFlag >= 0 ? { ...process.env, WORKERS: process.argv[workersFlag + 1] } : process.env;

let config: Config;
try {
  config = loadConfig(env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(78); // EX_CONFIG
}
const budget = config.memory;

if (cluster.isPrimary && (config.workers > 1 || (budget && !hasHeapLimit()))) {
  const logger = createLogger(config.logLevel);
  if (budget) logger.info({ ...budget, workers: config.workers }, "memory budget");
  superviseWorkers(config.workers, logger, config.workerHangTimeoutMs, budget ? workerSettings(budget) : undefined);
} else {
  if (cluster.isWorker) answerWatchdog();
  // Loaded here, not above: the supervisor stays small. Tracing starts before the SDK's HTTP client loads.
  const { startTracing } = await import("./telemetry/tracing.js");
  const tracing = await startTracing(env);
  const { traceFields } = await import("./telemetry/spans.js");
  const logger = createLogger(config.logLevel, undefined, traceFields);
  const { routeConsoleToLogger } = await import("./para/sdk-console.js");
  const { startGateway } = await import("./server.js");
  routeConsoleToLogger(logger);
  const gateway = await startGateway(config, logger);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      logger.info({ signal }, "shutting down");
      // The spans still buffered are sent before the process goes.
      void gateway
        .close()
        .then(() => tracing?.shutdown())
        .then(() => process.exit(0));
    });
  }
}
