import { readFileSync } from "node:fs";
import { Redis } from "ioredis";
import type { RecordStore } from "./record-store.js";

export interface RedisStoreOptions {
  /** Longest a command may take, and a connection attempt. */
  timeoutMs: number;
  /** A CA certificate file for `rediss://` servers whose certificate no public CA signed. */
  tlsCaFile?: string;
  onError: (error: Error) => void;
}

const KEY_PREFIX = "para-gateway:session:";

/**
 * Records in Redis, shared by every gateway process pointed at it; each key expires with its session.
 * While Redis is away, commands fail at once (no offline queue) rather than pile up, and the client
 * reconnects by itself, backing off to one attempt every two seconds.
 */
export class RedisStore implements RecordStore {
  private readonly redis: Redis;

  constructor(url: string, options: RedisStoreOptions) {
    const rediss = url.startsWith("rediss://");
    this.redis = new Redis(url, {
      keyPrefix: KEY_PREFIX,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.timeoutMs,
      connectTimeout: options.timeoutMs,
      retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2_000),
      ...(rediss && options.tlsCaFile ? { tls: { ca: readFileSync(options.tlsCaFile) } } : {}),
    });
    this.redis.on("error", options.onError);
  }

  /** The key a record id is stored under (for operators and tests). */
  static key(id: string): string {
    return `${KEY_PREFIX}${id}`;
  }

  async get(id: string) {
    return (await this.redis.getBuffer(id)) ?? undefined;
  }

  async put(id: string, record: Buffer, expiresAt: number) {
    await this.redis.set(id, record, "PXAT", Math.max(expiresAt, Date.now() + 1));
  }

  async delete(id: string) {
    return (await this.redis.del(id)) > 0;
  }

  async ping() {
    await this.redis.ping();
  }

  async close() {
    this.redis.disconnect();
  }
}
