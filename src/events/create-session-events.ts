import cluster from "node:cluster";
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import type { Cluster } from "ioredis";
import type { Config } from "../runtime/config.js";
import type { Logger } from "../runtime/logger.js";
import { createRedisClient, type RedisClient } from "../store/redis-client.js";
import { SessionEvents } from "./session-events.js";
import { workerEventTarget } from "./worker-relay.js";

type EventTargetClients = Parameters<typeof createRedisEventTarget>[0];

/**
 * On a cluster, sharded pub/sub: each session's channel (one per record id) lives on the shard that owns
 * its slot, so an event goes to one shard's nodes rather than to every node of the cluster. The event
 * target speaks plain pub/sub; this hands it the sharded commands under the names it calls.
 */
function sharded(publishClient: Cluster, subscribeClient: Cluster): EventTargetClients {
  const subscriber = {
    on: (_event: "message", listener: (channel: string, message: string) => void) =>
      subscribeClient.on("smessage", listener),
    subscribe: (channel: string) => subscribeClient.ssubscribe(channel),
    unsubscribe: (channel: string) => subscribeClient.sunsubscribe(channel),
  };
  const publisher = { publish: (channel: string, message: string) => publishClient.spublish(channel, message) };
  return { publishClient: publisher, subscribeClient: subscriber } as unknown as EventTargetClients;
}

/**
 * Session events through Redis pub/sub when the store is Redis (every replica sees them), else in this
 * process, relayed to the machine's other workers when there are several (they share the SQLite file).
 */
export function createSessionEvents(
  config: Pick<Config, "redis" | "storeTimeoutMs" | "storeTlsCaFile" | "workers">,
  logger: Logger,
): { events: SessionEvents; close: () => void } {
  const target = config.redis;
  if (!target) {
    if (!cluster.isWorker || config.workers < 2) return { events: new SessionEvents(), close: () => {} };
    const relay = workerEventTarget(logger);
    return { events: new SessionEvents(relay.target), close: relay.close };
  }
  const client = (role: "publish" | "subscribe"): RedisClient =>
    createRedisClient(target, {
      timeoutMs: config.storeTimeoutMs,
      tlsCaFile: config.storeTlsCaFile,
      queueWhileOffline: true,
      shardedSubscriber: role === "subscribe",
      onError: (error) => logger.debug({ err: { message: error.message } }, "session events (redis) error"),
    });
  const publishClient = client("publish");
  const subscribeClient = client("subscribe");
  const clients =
    target.kind === "cluster"
      ? sharded(publishClient as Cluster, subscribeClient as Cluster)
      : ({ publishClient, subscribeClient } as EventTargetClients);
  return {
    events: new SessionEvents(createRedisEventTarget(clients)),
    close: () => {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}
