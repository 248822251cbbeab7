import type { OwnedRecord, PutMode, RecordMeta, RecordStore } from "./record-store.js";

interface Entry extends RecordMeta {
  record: Buffer;
  expiresAt: number;
}

/** Records in this process's memory: gone on restart. For tests and throwaway runs. */
export class MemoryStore implements RecordStore {
  private readonly records = new Map<string, Entry>();

  private live(): [string, Entry][] {
    const now = Date.now();
    return [...this.records].filter(([, entry]) => entry.expiresAt > now);
  }

  async get(id: string) {
    const entry = this.records.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt > Date.now()) return entry.record;
    this.records.delete(id);
    return undefined;
  }

  async put(id: string, record: Buffer, expiresAt: number, meta: RecordMeta, mode: PutMode) {
    if (mode === "update" && (await this.get(id)) === undefined) return false;
    this.records.set(id, { record, expiresAt, ...meta });
    return true;
  }

  async delete(id: string) {
    return this.records.delete(id);
  }

  async listByOwner(owner: string): Promise<OwnedRecord[]> {
    return this.live()
      .filter(([, entry]) => entry.owner === owner)
      .map(([id, entry]) => ({ id, expiresAt: entry.expiresAt, managed: entry.dueAt !== null }))
      .sort((a, b) => a.expiresAt - b.expiresAt);
  }

  async claimDue(now: number, leaseMs: number, limit: number) {
    const due = this.live()
      .filter(([, entry]) => entry.dueAt !== null && entry.dueAt <= now)
      .sort(([, a], [, b]) => (a.dueAt as number) - (b.dueAt as number))
      .slice(0, limit);
    for (const [, entry] of due) entry.dueAt = now + leaseMs;
    return due.map(([id]) => id);
  }

  async dueStats() {
    const due = this.live()
      .map(([, entry]) => entry.dueAt)
      .filter((at): at is number => at !== null);
    return { managed: due.length, earliestDueAt: due.length > 0 ? Math.min(...due) : null };
  }

  async count() {
    return this.live().length;
  }

  async ping() {}

  async close() {
    this.records.clear();
  }
}
