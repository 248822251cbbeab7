import { once } from "node:events";
import type { Redis } from "ioredis";
import type { OwnedRecord, PutMode, RecordMeta, RecordStore } from "./record-store.js";
import { createRedisClient, type RedisClientOptions } from "./redis-client.js";

const KEY_PREFIX = "para-gateway:";
const SESSION = "session:";
const OWNER = "owner:";
/** One sorted set of kept-alive records, scored by when each is next due. */
const DUE = "due";

/**
 * A record, its owner's index entry (a sorted set scored by expiry, pruned and expiring with its last
 * record) and its due time, written in one script: no reader sees one without the others.
 */
const PUT = `
if ARGV[6] == 'update' and redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[5])
local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
redis.call('PEXPIREAT', KEYS[2], last[2])
if ARGV[4] == '' then redis.call('ZREM', KEYS[3], ARGV[3]) else redis.call('ZADD', KEYS[3], ARGV[4], ARGV[3]) end
return 1`;

/** The due ids, each moved to now + lease in the same script: one replica claims each. */
const CLAIM = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], ARGV[2], id) end
return ids`;

type Scripted = Redis & {
  putRecord(
    session: string,
    owner: string,
    due: string,
    record: Buffer,
    expiresAt: number,
    id: string,
    dueAt: number | "",
    now: number,
    mode: PutMode,
  ): Promise<number>;
  claimDue(due: string, now: number, until: number, limit: number): Promise<string[]>;
};

/** Records in Redis, shared by every gateway process pointed at it; each key expires with its session. */
export class RedisStore implements RecordStore {
  private readonly redis: Scripted;

  constructor(
    url: string,
    private readonly options: RedisClientOptions,
  ) {
    this.redis = createRedisClient(url, options, KEY_PREFIX) as Scripted;
    this.redis.defineCommand("putRecord", { numberOfKeys: 3, lua: PUT });
    this.redis.defineCommand("claimDue", { numberOfKeys: 1, lua: CLAIM });
  }

  /** The key a record id is stored under (for operators and tests). */
  static key(id: string): string {
    return `${KEY_PREFIX}${SESSION}${id}`;
  }

  async get(id: string) {
    return (await this.redis.getBuffer(`${SESSION}${id}`)) ?? undefined;
  }

  async put(id: string, record: Buffer, expiresAt: number, meta: RecordMeta, mode: PutMode) {
    const now = Date.now();
    const written = await this.redis.putRecord(
      `${SESSION}${id}`,
      `${OWNER}${meta.owner}`,
      DUE,
      record,
      Math.max(expiresAt, now + 1),
      id,
      meta.dueAt ?? "",
      now,
      mode,
    );
    return written === 1;
  }

  /** The owner's index entry goes when it expires; readers skip ids whose record is gone. */
  async delete(id: string) {
    const [[, deleted]] = (await this.redis.multi().del(`${SESSION}${id}`).zrem(DUE, id).exec()) as [
      [Error | null, number],
    ];
    return deleted > 0;
  }

  async listByOwner(owner: string): Promise<OwnedRecord[]> {
    const flat = await this.redis.zrangebyscore(`${OWNER}${owner}`, Date.now(), "+inf", "WITHSCORES");
    const records: OwnedRecord[] = [];
    for (let i = 0; i < flat.length; i += 2)
      records.push({ id: flat[i] as string, expiresAt: Number(flat[i + 1]), managed: false });
    if (records.length === 0) return records;
    const due = await this.redis.zmscore(DUE, ...records.map((r) => r.id));
    return records.map((r, i) => ({ ...r, managed: due[i] !== null }));
  }

  async claimDue(now: number, leaseMs: number, limit: number) {
    return this.redis.claimDue(DUE, now, now + leaseMs, limit);
  }

  async dueStats() {
    const [managed, first] = await Promise.all([this.redis.zcard(DUE), this.redis.zrange(DUE, 0, 0, "WITHSCORES")]);
    return { managed, earliestDueAt: first[1] === undefined ? null : Number(first[1]) };
  }

  /** Scans the session keys (expired keys are already gone); O(sessions), so only for metrics scrapes. */
  async count() {
    let n = 0;
    // keyPrefix does not apply to SCAN's MATCH, so the pattern names the full key.
    for await (const keys of this.redis.scanStream({ match: `${KEY_PREFIX}${SESSION}*`, count: 1000 }))
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
