/** What a backend keeps beside each sealed record, in the clear: enough to index it, nothing about the user. */
export interface RecordMeta {
  /** A digest of the user id: the index from a user to their sessions. */
  owner: string;
  /** When the session keeper should next extend it (epoch ms); null when nothing keeps it alive. */
  dueAt: number | null;
}

export type PutMode = "create" | "update";

/** An owner's record as its index knows it: no decryption needed. */
export interface OwnedRecord {
  id: string;
  expiresAt: number;
  /** Whether the keeper extends it (it has a due time). */
  managed: boolean;
}

/**
 * What a storage backend keeps: opaque, already-encrypted records by id, each with the time after
 * which it may be dropped and its index entries. Backends never see plaintext.
 */
export interface RecordStore {
  get(id: string): Promise<Buffer | undefined>;
  /**
   * Writes a record. `update` writes only over a record that is still there, and says whether it was:
   * a session ended while something was extending it stays ended.
   */
  put(id: string, record: Buffer, expiresAt: number, meta: RecordMeta, mode: PutMode): Promise<boolean>;
  delete(id: string): Promise<boolean>;
  /** An owner's records that have not expired, soonest to expire first. */
  listByOwner(owner: string): Promise<OwnedRecord[]>;
  /**
   * Up to `limit` ids due by `now`, each claimed atomically for `leaseMs`: its due time moves to
   * now + lease, so exactly one caller (process or replica) gets it, and another gets it again only
   * if the first did not reschedule it within the lease (it died mid-work).
   */
  claimDue(now: number, leaseMs: number, limit: number): Promise<string[]>;
  /** How many records something keeps alive, and the earliest due time among them. */
  dueStats(): Promise<{ managed: number; earliestDueAt: number | null }>;
  /** How many records have not expired (for metrics). */
  count(): Promise<number>;
  /** Throws when the backend cannot serve (for readiness checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
