/**
 * What a storage backend keeps: opaque, already-encrypted records by id, each with the time after
 * which it may be dropped. Backends never see plaintext.
 */
export interface RecordStore {
  get(id: string): Promise<Buffer | undefined>;
  put(id: string, record: Buffer, expiresAt: number): Promise<void>;
  delete(id: string): Promise<boolean>;
  /** How many records have not expired (for metrics). */
  count(): Promise<number>;
  /** Throws when the backend cannot serve (for readiness checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
