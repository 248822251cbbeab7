import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { RecordStore } from "./record-store.js";

const PURGE_INTERVAL_MS = 60_000;

/**
 * Records in an SQLite file that survives restarts. WAL lets several processes share the file;
 * synchronous=FULL makes every acknowledged write durable, even across a power loss.
 */
export class SqliteStore implements RecordStore {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly purgeTimer: NodeJS.Timeout;

  constructor(path: string) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path, { timeout: 5_000 });
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = FULL");
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, record BLOB NOT NULL, expires_at INTEGER NOT NULL) STRICT",
    );
    this.statements = {
      get: this.db.prepare<[string, number], { record: Buffer }>(
        "SELECT record FROM sessions WHERE id = ? AND expires_at > ?",
      ),
      put: this.db.prepare<[string, Buffer, number]>(
        "INSERT INTO sessions (id, record, expires_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET record = excluded.record, expires_at = excluded.expires_at",
      ),
      delete: this.db.prepare<[string]>("DELETE FROM sessions WHERE id = ?"),
      purge: this.db.prepare<[number]>("DELETE FROM sessions WHERE expires_at <= ?"),
      count: this.db.prepare<[number], { n: number }>("SELECT COUNT(*) AS n FROM sessions WHERE expires_at > ?"),
      ping: this.db.prepare("SELECT 1"),
    };
    this.purgeTimer = setInterval(() => this.statements.purge.run(Date.now()), PURGE_INTERVAL_MS).unref();
  }

  async get(id: string) {
    return this.statements.get.get(id, Date.now())?.record;
  }

  async put(id: string, record: Buffer, expiresAt: number) {
    this.statements.put.run(id, record, expiresAt);
  }

  async delete(id: string) {
    return this.statements.delete.run(id).changes > 0;
  }

  async count() {
    return this.statements.count.get(Date.now())?.n ?? 0;
  }

  async ping() {
    this.statements.ping.get();
  }

  async close() {
    clearInterval(this.purgeTimer);
    this.db.close();
  }
}
