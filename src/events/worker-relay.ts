import cluster, { type Worker } from "node:cluster";
import type { TypedEventTarget } from "@graphql-yoga/typed-event-target";
import type { Logger } from "../runtime/logger.js";

/** The one IPC message the relay sends: a session event published in one worker. */
interface RelayedEvent {
  paraGatewaySessionEvent: { type: string; detail: unknown };
}

const isRelayed = (message: unknown): message is RelayedEvent => {
  const event = (message as Partial<RelayedEvent> | null)?.paraGatewaySessionEvent;
  return typeof event === "object" && event !== null && typeof event.type === "string";
};

/**
 * Relayed events on their way to one process (queued by Node, not yet written to the channel). A process
 * that reads slower than events come (stopped, or swapping) would otherwise make its sender queue them
 * without end; past the bound they are dropped, and a stream that missed its ENDED ends at its expiry.
 */
export const RELAY_IN_FLIGHT_LIMIT = 1_000;

/** An IPC send whose callback runs once the message is written, or has failed (the other end gone). */
type IpcSend = (message: RelayedEvent, written: () => void) => void;

/**
 * A send to one process that holds at most `limit` messages not yet written and drops the rest; it tells
 * `onDropping` when it starts to drop after having sent, once per such episode.
 */
export function boundedSend(send: IpcSend, onDropping: () => void, limit = RELAY_IN_FLIGHT_LIMIT) {
  let inFlight = 0;
  let dropping = false;
  const written = () => {
    inFlight--;
  };
  return (message: RelayedEvent): boolean => {
    if (inFlight >= limit) {
      if (!dropping) onDropping();
      dropping = true;
      return false;
    }
    dropping = false;
    inFlight++;
    send(message, written);
    return true;
  };
}

/**
 * Session events across the workers of one machine when they share no Redis (the SQLite store): each
 * event published in this worker is dispatched here and sent to the primary, which hands it to every
 * other worker (relayWorkerEvents), where it is dispatched as if published there. One small message per
 * event and per worker, stored nowhere, at most RELAY_IN_FLIGHT_LIMIT queued towards one process.
 */
export function workerEventTarget(logger: Logger): { target: TypedEventTarget<CustomEvent>; close: () => void } {
  const toPrimary = boundedSend(
    (message, written) => {
      if (process.connected) process.send?.(message, undefined, undefined, written);
      else written();
    },
    () => logger.warn("session events not relayed: the primary is not keeping up"),
  );
  const target = new (class extends EventTarget {
    override dispatchEvent(event: Event): boolean {
      toPrimary({ paraGatewaySessionEvent: { type: event.type, detail: (event as CustomEvent).detail } });
      return super.dispatchEvent(event);
    }

    deliver(message: RelayedEvent): void {
      const { type, detail } = message.paraGatewaySessionEvent;
      super.dispatchEvent(new CustomEvent(type, { detail }));
    }
  })();
  const onMessage = (message: unknown) => {
    if (isRelayed(message)) target.deliver(message);
  };
  process.on("message", onMessage);
  return { target, close: () => process.off("message", onMessage) };
}

/** In the primary: every session event one worker sends goes to every other worker. */
export function relayWorkerEvents(logger: Logger): void {
  const senders = new WeakMap<Worker, ReturnType<typeof boundedSend>>();
  const senderTo = (worker: Worker) => {
    let send = senders.get(worker);
    if (!send) {
      // A worker gone calls back with ERR_IPC_CHANNEL_CLOSED, which only frees its place.
      send = boundedSend(
        (message, written) => worker.send(message, undefined, written),
        () => logger.warn({ workerPid: worker.process.pid }, "session events not relayed: a worker is not keeping up"),
      );
      senders.set(worker, send);
    }
    return send;
  };
  cluster.on("message", (from: Worker, message: unknown) => {
    if (!isRelayed(message)) return;
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker && worker !== from && worker.isConnected()) senderTo(worker)(message);
    }
  });
}
