import cluster from "node:cluster";
import { relayWorkerEvents } from "../events/worker-relay.js";
import type { Logger } from "./logger.js";
import { watchWorkers } from "./worker-watchdog.js";

const RESTART_DELAY_MS = 1_000;

/**
 * The primary of `--workers N`: forks N gateway processes (each with `execArgv` and `env`, e.g. its heap
 * limit) that share the port (node:cluster hands connections round-robin), forks a new one when one dies,
 * kills and replaces one that stops answering for `hangTimeoutMs` (0: never), relays session events
 * between them, and passes SIGTERM/SIGINT on for a graceful stop.
 */
export function superviseWorkers(
  count: number,
  logger: Logger,
  hangTimeoutMs: number,
  worker: { execArgv: string[]; env: Record<string, string> } = { execArgv: [], env: {} },
): void {
  let stopping = false;
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...worker.execArgv] });
  const fork = () => cluster.fork(worker.env);
  relayWorkerEvents(logger);
  const watchdog = hangTimeoutMs > 0 ? watchWorkers(hangTimeoutMs, logger) : undefined;
  for (let i = 0; i < count; i++) fork();

  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    logger.error({ workerPid: worker.process.pid, code, signal }, "worker died; starting another");
    setTimeout(fork, RESTART_DELAY_MS);
  });

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      stopping = true;
      // A worker closing its streams and connections is not stuck: nothing is killed from here on.
      watchdog?.stop();
      logger.info({ signal, workers: count }, "stopping workers");
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    });
  }
}
