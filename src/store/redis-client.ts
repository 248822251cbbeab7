import { once } from "node:events";
import { readFileSync } from "node:fs";
import { Cluster, Redis, type RedisOptions } from "ioredis";
import type { RedisTarget } from "./redis-target.js";

/** One server or a master behind sentinels (`Redis`), or a cluster: every Redis user takes either. */
export type RedisClient = Redis | Cluster;

export interface RedisClientOptions {
  /** Longest a command may take, and a connection attempt. */
  timeoutMs: number;
  /** A CA certificate file for TLS servers whose certificate no public CA signed. */
  tlsCaFile?: string;
  onError: (error: Error) => void;
  /**
   * Queue commands while disconnected instead of failing them (pub/sub: a subscription or an event sent
   * during an outage goes out on reconnect, and ioredis subscribes its channels again by itself).
   */
  queueWhileOffline?: boolean;
  /** The store only: records moved from the layout before buckets, once, at start-up. */
  onMigrated?: (moved: number) => void;
  /** Cluster only: subscribe to sharded channels (SSUBSCRIBE), each on the shard that owns its slot. */
  shardedSubscriber?: boolean;
}

const backoff = (attempt: number) => Math.min(50 * 2 ** attempt, 2_000);

/**
 * The one place that connects to Redis, whichever kind RedisTarget names. Clients fail fast: while
 * Redis (or a shard) is away, commands fail at once (no offline queue) rather than pile up, and they
 * reconnect by themselves, backing off to one attempt every two seconds; behind sentinels, a
 * reconnect asks them for the master again, so a promoted replica is followed without a restart.
 */
export function createRedisClient(target: RedisTarget, options: RedisClientOptions, keyPrefix = ""): RedisClient {
  const queue = options.queueWhileOffline === true;
  const ca = options.tlsCaFile ? readFileSync(options.tlsCaFile) : undefined;
  const common: RedisOptions = {
    enableOfflineQueue: queue,
    maxRetriesPerRequest: queue ? null : 0,
    commandTimeout: options.timeoutMs,
    connectTimeout: options.timeoutMs,
    retryStrategy: backoff,
  };
  const tls = (on: boolean) => (on ? { tls: ca ? { ca } : {} } : {});
  let client: RedisClient;
  if (target.kind === "single") {
    client = new Redis(target.url, { ...common, keyPrefix, ...tls(target.url.startsWith("rediss://") && !!ca) });
  } else if (target.kind === "sentinel") {
    const { username, password } = target.auth;
    client = new Redis({
      ...common,
      keyPrefix,
      sentinels: target.sentinels,
      name: target.name,
      username,
      password,
      sentinelPassword: target.sentinelPassword,
      sentinelRetryStrategy: backoff,
      // Sentinels announce a switch of master: reconnect at once rather than when the old one fails.
      failoverDetector: true,
      ...tls(target.auth.tls),
      ...(target.auth.tls ? { enableTLSForSentinelMode: true, sentinelTLS: ca ? { ca } : {} } : {}),
    });
  } else {
    const { username, password } = target.auth;
    client = new Cluster(target.nodes, {
      keyPrefix,
      enableOfflineQueue: queue,
      shardedSubscribers: options.shardedSubscriber === true,
      clusterRetryStrategy: backoff,
      // While a shard fails over, commands for its slots fail (coded errors) instead of waiting for it.
      retryDelayOnFailover: 100,
      retryDelayOnClusterDown: 100,
      maxRedirections: 4,
      slotsRefreshTimeout: options.timeoutMs,
      slotsRefreshInterval: 2_000,
      redisOptions: { ...common, username, password, ...tls(target.auth.tls) },
    });
  }
  client.on("error", options.onError);
  return client;
}

/** While the first connection (or a cluster's first slot map) is still being made, waits for it, up to `timeoutMs`. */
export async function untilReady(client: RedisClient, timeoutMs: number): Promise<void> {
  if (client.status !== "connecting" && client.status !== "connect" && client.status !== "wait") return;
  await Promise.race([once(client, "ready"), new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
}
