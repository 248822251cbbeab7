import type { Redis } from "ioredis";
import { bucketKeys, bucketOf, KEY_PREFIX, sessionKey } from "./redis-layout.js";

/** The layout before buckets (one Redis only: on a cluster its scripts were refused). */
const OLD_SESSION = "session:";
const OLD_DUE = "due";

/** One old record moved into its bucket, with its expiry and due time: once, whichever replica gets there first. */
const MOVE = `
local record = redis.call('GET', KEYS[1])
if not record then return 0 end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('DEL', KEYS[1]) return 0 end
local time = redis.call('TIME')
local at = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) + ttl
redis.call('SET', KEYS[2], record, 'PXAT', at)
redis.call('ZADD', KEYS[5], at, ARGV[1])
local due = redis.call('ZSCORE', KEYS[3], ARGV[1])
if due then redis.call('ZADD', KEYS[4], due, ARGV[1]) end
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('DEL', KEYS[1])
return 1`;

type Moving = Redis & {
  moveRecord(old: string, fresh: string, oldDue: string, due: string, stored: string, id: string): Promise<number>;
};

/**
 * Moves records written before the bucketed layout (`para-gateway:session:<id>` and the single `due`
 * set) into it, so an upgrade orphans nothing. The owner indexes kept their names. Runs at start-up,
 * once per record (the scan finds none once done); how many it moved.
 */
export async function migrateUnbucketed(redis: Redis): Promise<number> {
  redis.defineCommand("moveRecord", { numberOfKeys: 5, lua: MOVE });
  const moving = redis as Moving;
  let moved = 0;
  // keyPrefix does not apply to SCAN's MATCH, so the pattern names the full key; new keys begin with `{`.
  for await (const keys of redis.scanStream({ match: `${KEY_PREFIX}${OLD_SESSION}*`, count: 1000 })) {
    for (const key of keys as string[]) {
      const id = key.slice(KEY_PREFIX.length + OLD_SESSION.length);
      const { due, stored } = bucketKeys(bucketOf(id));
      moved += await moving.moveRecord(`${OLD_SESSION}${id}`, sessionKey(id), OLD_DUE, due, stored, id);
    }
  }
  return moved;
}
