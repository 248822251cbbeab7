import cluster, { type Worker } from "node:cluster";
import type { TypedEventTarget } from "@graphql-yoga/typed-event-target";

/** The one IPC message the relay sends: a session event published in one worker. */
interface RelayedEvent {
  paraGatewaySessionEvent: { type: string; detail: unknown };
}

const isRelayed = (message: unknown): message is RelayedEvent => {
  const event = (message as Partial<RelayedEvent> | null)?.paraGatewaySessionEvent;
  return typeof event === "object" && event !== null && typeof event.type === "string";
};

/** A send that may find the other end gone (a worker stopping or restarting): the event is then nobody's. */
const ignoreClosed = () => {};

/**
 * Session events across the workers of one machine when they share no Redis (the SQLite store): each
 * event published in this worker is dispatched here and sent to the primary, which hands it to every
 * other worker (relayWorkerEvents), where it is dispatched as if published there. One small message per
 * event and per worker, stored nowhere; but a worker that falls behind leaves them in Node's IPC queue,
 * which is not capped yet (docs/security.md).
 */
export function workerEventTarget(): { target: TypedEventTarget<CustomEvent>; close: () => void } {
  const target = new (class extends EventTarget {
    override dispatchEvent(event: Event): boolean {
      const relayed: RelayedEvent = {
        paraGatewaySessionEvent: { type: event.type, detail: (event as CustomEvent).detail },
      };
      if (process.connected) process.send?.(relayed, undefined, undefined, ignoreClosed);
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
export function relayWorkerEvents(): void {
  cluster.on("message", (from: Worker, message: unknown) => {
    if (!isRelayed(message)) return;
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker && worker !== from && worker.isConnected()) worker.send(message, undefined, ignoreClosed);
    }
  });
}
