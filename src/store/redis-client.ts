import { readFileSync } from "node:fs";
import { Redis } from "ioredis";

export interface RedisClientOptions {
  /** Longest a command may take, and a connection attempt. */
  timeoutMs: number;
  /** A CA certificate file for `rediss://` servers whose certificate no public CA signed. */
  tlsCaFile?: string;
  onError: (error: Error) => void;
  /**
   * Queue commands while disconnected instead of failing them (pub/sub: a subscription or an event sent
   * during an outage goes out on reconnect, and ioredis subscribes its channels again by itself).
   */
  queueWhileOffline?: boolean;
}

/**
 * A Redis client that fails fast: while Redis is away, commands fail at once (no offline queue)
 * rather than pile up, and it reconnects by itself, backing off to one attempt every two seconds.
 */
export function createRedisClient(url: string, options: RedisClientOptions, keyPrefix = ""): Redis {
  const redis = new Redis(url, {
    keyPrefix,
    enableOfflineQueue: options.queueWhileOffline === true,
    maxRetriesPerRequest: options.queueWhileOffline ? null : 0,
    commandTimeout: options.timeoutMs,
    connectTimeout: options.timeoutMs,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2_000),
    ...(url.startsWith("rediss://") && options.tlsCaFile ? { tls: { ca: readFileSync(options.tlsCaFile) } } : {}),
  });
  redis.on("error", options.onError);
  return redis;
}
