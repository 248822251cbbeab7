import cluster, { type Worker } from "node:cluster";
import type { Logger } from "./logger.js";

/** The primary's ping, and a worker's answer to it, over the workers' IPC channel. */
interface Ping {
  paraGatewayPing: true;
}
interface Pong {
  paraGatewayPong: true;
}

const isPing = (message: unknown): message is Ping => (message as Partial<Ping> | null)?.paraGatewayPing === true;
const isPong = (message: unknown): message is Pong => (message as Partial<Pong> | null)?.paraGatewayPong === true;

/**
 * In the primary: a worker whose event loop stops answering (a loop that never yields, a process stopped
 * or swapping) keeps every connection it holds, and every request on them hangs: the kept-alive
 * connections of backends and routers, its event streams, and the new connection node:cluster's
 * round-robin last handed it (it hands that worker no more until it takes that one). So every worker is
 * pinged every third of `timeoutMs`, from the moment it listens; one that has answered nothing for
 * `timeoutMs` is killed with SIGKILL (a stuck loop never runs a SIGTERM handler), which resets its
 * connections, and the supervisor forks another as for any worker that dies. A stuck worker holds a few
 * pings (four at most), unread, until then.
 */
export function watchWorkers(timeoutMs: number, logger: Logger): { stop: () => void } {
  const lastAnswer = new Map<Worker, number>();
  const onListening = (worker: Worker) => lastAnswer.set(worker, Date.now());
  const onMessage = (worker: Worker, message: unknown) => {
    if (isPong(message) && lastAnswer.has(worker)) lastAnswer.set(worker, Date.now());
  };
  const onExit = (worker: Worker) => lastAnswer.delete(worker);
  cluster.on("listening", onListening);
  cluster.on("message", onMessage);
  cluster.on("exit", onExit);
  const timer = setInterval(
    () => {
      const now = Date.now();
      for (const [worker, answeredAt] of lastAnswer) {
        if (now - answeredAt > timeoutMs) {
          lastAnswer.delete(worker);
          logger.error(
            { workerPid: worker.process.pid, silentMs: now - answeredAt },
            "worker not answering (WORKER_HANG_TIMEOUT_MS); killing it",
          );
          worker.process.kill("SIGKILL");
        } else if (worker.isConnected()) {
          worker.send({ paraGatewayPing: true } satisfies Ping);
        }
      }
    },
    Math.max(1, Math.floor(timeoutMs / 3)),
  );
  return {
    stop: () => {
      clearInterval(timer);
      cluster.off("listening", onListening);
      cluster.off("message", onMessage);
      cluster.off("exit", onExit);
    },
  };
}

/** In a worker: answers the primary's pings, from this process's event loop, so a stuck loop goes unanswered. */
export function answerWatchdog(): void {
  process.on("message", (message: unknown) => {
    if (isPing(message)) process.send?.({ paraGatewayPong: true } satisfies Pong);
  });
}
