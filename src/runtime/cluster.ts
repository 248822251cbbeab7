import cluster from "node:cluster";
import { relayWorkerEvents } from "../events/worker-relay.js";
import type { Logger } from "./logger.js";

const RESTART_DELAY_MS = 1_000;

/**
 * The primary of `--workers N`: forks N gateway processes (each with `execArgv` and `env`, e.g. its heap
 * limit) that share the port (node:cluster hands connections round-robin), forks a new one when one dies,
 * relays session events between them, and passes SIGTERM/SIGINT on for a graceful stop.
 */
export function superviseWorkers(
  count: number,
  logger: Logger,
  worker: { execArgv: string[]; env: Record<string, string> } = { execArgv: [], env: {} },
): void {
  let stopping = false;
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...worker.execArgv] });
  const fork = () => cluster.fork(worker.env);
  relayWorkerEvents(logger);
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
      logger.info({ signal, workers: count }, "stopping workers");
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    });
  }
}
