import type { RecordStore } from "./record-store.js";

/** Records in this process's memory: gone on restart. For tests and throwaway runs. */
export class MemoryStore implements RecordStore {
  private readonly records = new Map<string, { record: Buffer; expiresAt: number }>();

  async get(id: string) {
    const entry = this.records.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt > Date.now()) return entry.record;
    this.records.delete(id);
    return undefined;
  }

  async put(id: string, record: Buffer, expiresAt: number) {
    this.records.set(id, { record, expiresAt });
  }

  async delete(id: string) {
    return this.records.delete(id);
  }

  async count() {
    const now = Date.now();
    return [...this.records.values()].filter((entry) => entry.expiresAt > now).length;
  }

  async ping() {}

  async close() {
    this.records.clear();
  }
}
