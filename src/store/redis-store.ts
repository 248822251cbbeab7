import { once } from "node:events";
import type { Redis } from "ioredis";
import type { RecordStore } from "./record-store.js";
import { createRedisClient, type RedisClientOptions } from "./redis-client.js";

const KEY_PREFIX = "para-gateway:session:";

/** Records in Redis, shared by every gateway process pointed at it; each key expires with its session. */
export class RedisStore implements RecordStore {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly options: RedisClientOptions,
  ) {
    this.redis = createRedisClient(url, options, KEY_PREFIX);
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

  /** Scans the session keys (expired keys are already gone); O(sessions), so only for metrics scrapes. */
  async count() {
    let n = 0;
    // keyPrefix does not apply to SCAN's MATCH, so the pattern names the full key.
    for await (const keys of this.redis.scanStream({ match: `${KEY_PREFIX}*`, count: 1000 }))
      n += (keys as string[]).length;
    return n;
  }

  /** While the first connection is still being made, waits for it (up to the timeout) before pinging. */
  async ping() {
    if (this.redis.status === "connecting" || this.redis.status === "connect") {
      await Promise.race([
        once(this.redis, "ready"),
        new Promise((resolve) => setTimeout(resolve, this.options.timeoutMs)),
      ]);
    }
    await this.redis.ping();
  }

  async close() {
    this.redis.disconnect();
  }
}
