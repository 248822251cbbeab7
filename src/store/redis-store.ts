import type { Redis } from "ioredis";
import type { OwnedRecord, PutMode, RecordMeta, RecordStore } from "./record-store.js";
import { createRedisClient, type RedisClient, type RedisClientOptions, untilReady } from "./redis-client.js";
import { BUCKETS, bucketKeys, bucketOf, KEY_PREFIX, ownerKey, sessionKey } from "./redis-layout.js";
import { migrateUnbucketed } from "./redis-migration.js";
import type { RedisTarget } from "./redis-target.js";

/**
 * A record, its bucket's expiry index and its due time, written in one script over keys of one slot:
 * no reader sees one without the others, and an update writes nothing over a record that is gone.
 */
const PUT = `
if ARGV[6] == 'update' and redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', ARGV[5])
if ARGV[4] == '' then redis.call('ZREM', KEYS[2], ARGV[3]) else redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3]) end
return 1`;

/** The owner's index entry (a sorted set by expiry, pruned, and expiring with its last record). */
const INDEX = `
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('PEXPIREAT', KEYS[1], last[2])`;

const DELETE = `
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return redis.call('DEL', KEYS[1])`;

/** Whether a listed id's record is still there (-1 when not), and whether it is kept alive (1) or not (0). */
const PROBE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('ZSCORE', KEYS[2], ARGV[1]) then return 1 end
return 0`;

/** A bucket's due ids, each moved to now + lease in the same script: one replica claims each. */
const CLAIM = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], ARGV[2], id) end
return ids`;

/** A bucket's kept-alive records, its earliest due time, and its records that have not expired. */
const STATS = `
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {redis.call('ZCARD', KEYS[1]), first[2] or '', redis.call('ZCOUNT', KEYS[2], ARGV[1], '+inf')}`;

type Scripted = RedisClient & {
  putRecord(
    session: string,
    due: string,
    stored: string,
    record: Buffer,
    expiresAt: number,
    id: string,
    dueAt: number | "",
    now: number,
    mode: PutMode,
  ): Promise<number>;
  indexOwner(owner: string, expiresAt: number, id: string, now: number): Promise<unknown>;
  deleteRecord(session: string, due: string, stored: string, id: string): Promise<number>;
  probeRecord(session: string, due: string, id: string): Promise<number>;
  claimDue(due: string, now: number, until: number, limit: number): Promise<string[]>;
  bucketStats(due: string, stored: string, now: number): Promise<[number, string, number]>;
};

const inBucket = (id: string) => bucketKeys(bucketOf(id));

/**
 * Records in Redis (one server, sentinels, or a cluster), shared by every gateway process pointed at it;
 * each key expires with its session. No command or script spans two slots (see redis-layout.ts).
 */
export class RedisStore implements RecordStore {
  private readonly redis: Scripted;
  /** The bucket this process claims from next: a random start, so replicas do not all begin at bucket 0. */
  private cursor = Math.floor(Math.random() * BUCKETS);

  constructor(
    target: RedisTarget,
    private readonly options: RedisClientOptions,
  ) {
    this.redis = createRedisClient(target, options, KEY_PREFIX) as Scripted;
    this.redis.defineCommand("putRecord", { numberOfKeys: 3, lua: PUT });
    this.redis.defineCommand("indexOwner", { numberOfKeys: 1, lua: INDEX });
    this.redis.defineCommand("deleteRecord", { numberOfKeys: 3, lua: DELETE });
    this.redis.defineCommand("probeRecord", { numberOfKeys: 2, lua: PROBE });
    this.redis.defineCommand("claimDue", { numberOfKeys: 1, lua: CLAIM });
    this.redis.defineCommand("bucketStats", { numberOfKeys: 2, lua: STATS });
    // Records of the layout before buckets (one Redis or sentinels only) move in the background, once
    // connected; after a failure, at the next connection.
    if (target.kind !== "cluster") {
      const redis = this.redis as Redis;
      const migrate = () =>
        migrateUnbucketed(redis).then(
          (moved) => moved > 0 && options.onMigrated?.(moved),
          (error: Error) => {
            options.onError(error);
            redis.once("ready", migrate);
          },
        );
      redis.once("ready", migrate);
    }
  }

  /** The key a record id is stored under (for operators and tests). */
  static key(id: string): string {
    return `${KEY_PREFIX}${sessionKey(id)}`;
  }

  async get(id: string) {
    return (await this.redis.getBuffer(sessionKey(id))) ?? undefined;
  }

  /**
   * The owner's index first, then the record: the index may name a record that is not (yet, or any
   * more) there, which readers skip (listByOwner probes each), but a record is never left out of it.
   */
  async put(id: string, record: Buffer, expiresAt: number, meta: RecordMeta, mode: PutMode) {
    const now = Date.now();
    const until = Math.max(expiresAt, now + 1);
    await this.redis.indexOwner(ownerKey(meta.owner), until, id, now);
    const { due, stored } = inBucket(id);
    const written = await this.redis.putRecord(
      sessionKey(id),
      due,
      stored,
      record,
      until,
      id,
      meta.dueAt ?? "",
      now,
      mode,
    );
    return written === 1;
  }

  /** The owner's index entry goes when it expires; readers skip ids whose record is gone. */
  async delete(id: string) {
    const { due, stored } = inBucket(id);
    return (await this.redis.deleteRecord(sessionKey(id), due, stored, id)) > 0;
  }

  async listByOwner(owner: string): Promise<OwnedRecord[]> {
    const flat = await this.redis.zrangebyscore(ownerKey(owner), Date.now(), "+inf", "WITHSCORES");
    const listed: { id: string; expiresAt: number }[] = [];
    for (let i = 0; i < flat.length; i += 2) listed.push({ id: flat[i] as string, expiresAt: Number(flat[i + 1]) });
    // One probe per record, in its own slot (a user's records are spread over the buckets).
    const probes = await Promise.all(
      listed.map(({ id }) => this.redis.probeRecord(sessionKey(id), inBucket(id).due, id)),
    );
    return listed.flatMap((r, i) => (probes[i] === -1 ? [] : [{ ...r, managed: probes[i] === 1 }]));
  }

  /**
   * Claims bucket after bucket, from where the last call stopped, until `limit` or every bucket was asked
   * once. A bucket that cannot be reached (its shard failing over) is passed over, so the others are kept.
   */
  async claimDue(now: number, leaseMs: number, limit: number) {
    const ids: string[] = [];
    let failure: unknown;
    for (let asked = 0; asked < BUCKETS && ids.length < limit; asked++) {
      const want = limit - ids.length;
      const claimed = await this.redis
        .claimDue(bucketKeys(this.cursor).due, now, now + leaseMs, want)
        .catch((error: unknown) => {
          failure = error;
          return [];
        });
      ids.push(...claimed);
      // A bucket that filled the request may hold more: start there next time.
      if (claimed.length < want) this.cursor = (this.cursor + 1) % BUCKETS;
    }
    if (ids.length === 0 && failure) throw failure;
    return ids;
  }

  /** BUCKETS small scripts, whatever the number of records. */
  private async stats() {
    const now = Date.now();
    return Promise.all(
      Array.from({ length: BUCKETS }, (_, b) => {
        const { due, stored } = bucketKeys(b);
        return this.redis.bucketStats(due, stored, now);
      }),
    );
  }

  async dueStats() {
    const buckets = await this.stats();
    const firsts = buckets.map(([, first]) => first).filter((f) => f !== "");
    return {
      managed: buckets.reduce((sum, [managed]) => sum + managed, 0),
      earliestDueAt: firsts.length === 0 ? null : Math.min(...firsts.map(Number)),
    };
  }

  /** From the buckets' expiry indexes: no scan, BUCKETS commands per call. */
  async count() {
    return (await this.stats()).reduce((sum, [, , stored]) => sum + stored, 0);
  }

  async ping() {
    await untilReady(this.redis, this.options.timeoutMs);
    await this.redis.ping();
  }

  async close() {
    this.redis.disconnect();
  }
}
