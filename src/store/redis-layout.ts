import calculateSlot from "cluster-key-slot";

/** Every key the gateway writes starts with this (ioredis' keyPrefix; it holds no hash tag). */
export const KEY_PREFIX = "para-gateway:";

/** Redis Cluster's slots. */
const SLOTS = 16_384;

/**
 * Records are spread over this many buckets. A bucket's keys share one hash tag, so a script touches
 * them together on any Redis, cluster or not; the tags are picked so that bucket k lands in the k-th of
 * BUCKETS equal slot ranges, so a cluster whose masters own equal slot ranges holds equal shares of
 * the buckets (up to BUCKETS masters). Changing it moves every record: it is part of the stored layout.
 */
export const BUCKETS = 64;

/** For each bucket, the first tag `b<n>` whose slot falls in that bucket's range (the same on every replica). */
const TAGS: string[] = Array.from({ length: BUCKETS }, (_, k) => {
  for (let n = 0; ; n++) {
    const tag = `b${n}`;
    if (Math.floor((calculateSlot(tag) * BUCKETS) / SLOTS) === k) return tag;
  }
});

/** The bucket a record id falls in. */
export const bucketOf = (id: string): number => calculateSlot(id) % BUCKETS;

/** The keys of one bucket (without KEY_PREFIX): all in one slot. */
export function bucketKeys(bucket: number) {
  const tag = `{${TAGS[bucket]}}`;
  return {
    /** Ids of the bucket's kept-alive records, scored by when each is next due. */
    due: `${tag}:due`,
    /** Ids of the bucket's records, scored by expiry: the session gauge counts it without a scan. */
    stored: `${tag}:stored`,
  };
}

/** A record's key (without KEY_PREFIX): in its bucket's slot. */
export const sessionKey = (id: string): string => `{${TAGS[bucketOf(id)]}}:session:${id}`;

/** A user's index (a sorted set of their record ids by expiry): one key, in whatever slot it hashes to. */
export const ownerKey = (owner: string): string => `owner:${owner}`;
