import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type StatementSync } from "node:sqlite";
import { GroupCommit } from "./group-commit.js";
import type { OwnedRecord, PutMode, RecordMeta, RecordStore } from "./record-store.js";

const PURGE_INTERVAL_MS = 60_000;

/**
 * The SQLite file at `path`, as every user of it opens it (Node's own node:sqlite: no native module to
 * build): WAL, so that several processes share it, a busy timeout for their turns, and synchronous=FULL,
 * so that every acknowledged write is durable, even across a power loss.
 */
export function openSqlite(path: string): DatabaseSync {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS });
  // Turning a new file to WAL needs it alone, and SQLite answers SQLITE_BUSY at once, without its busy
  // timeout, while another connection does the same (the workers of `--workers N` on their first start).
  whileBusy(() => db.exec("PRAGMA journal_mode = WAL"));
  db.exec("PRAGMA synchronous = FULL");
  return db;
}

const BUSY_TIMEOUT_MS = 5_000;
const SQLITE_BUSY = 5;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Runs `statement`, again every 10 ms while the file is busy, up to the busy timeout (a synchronous wait: start-up only). */
function whileBusy(statement: () => void): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      statement();
      return;
    } catch (error) {
      const code = (error as { errcode?: number }).errcode ?? 0;
      if ((code & 0xff) !== SQLITE_BUSY || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, 10);
    }
  }
}

/** A statement's rows in the shape its SQL names (node:sqlite types them loosely). */
export const rowsOf = <T>(statement: StatementSync, ...params: (string | number | null | Uint8Array)[]) =>
  statement.all(...params) as unknown as T[];

/** A BLOB column as a Buffer (node:sqlite returns a Uint8Array), without copying. */
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Runs `work` in one write transaction (taken at once, within the busy timeout): all of it is committed, or none. */
export function inWriteTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = work();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK");
    throw error;
  }
}

/** The sessions table and its indexes, as this version reads them, from a new file or one an older version made. */
function migrate(db: DatabaseSync): void {
  db.exec(
    "CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, record BLOB NOT NULL, expires_at INTEGER NOT NULL) STRICT",
  );
  // The index columns came with managed sessions; files from before get them here.
  const columns = rowsOf<{ name: string }>(db.prepare("SELECT name FROM pragma_table_info('sessions')"));
  if (!columns.some((c) => c.name === "owner")) {
    db.exec("ALTER TABLE sessions ADD COLUMN owner TEXT NOT NULL DEFAULT ''");
    db.exec("ALTER TABLE sessions ADD COLUMN due_at INTEGER");
  }
  // Covering: a user's sessions (the quota, read on every import) come from the index alone, never from
  // the rows, whose sealed record comes before these columns. Files from before have the owner-only index.
  db.exec("DROP INDEX IF EXISTS sessions_owner");
  db.exec("CREATE INDEX IF NOT EXISTS sessions_by_owner ON sessions (owner, expires_at, due_at, id)");
  db.exec("CREATE INDEX IF NOT EXISTS sessions_due_at ON sessions (due_at) WHERE due_at IS NOT NULL");
}

/** Records in an SQLite file that survives restarts, shared by the processes of one machine. */
export class SqliteStore implements RecordStore {
  private readonly db: DatabaseSync;
  private readonly statements;
  /** Every write goes through it, so writes keep their order and the writes of one turn share a commit. */
  private readonly writes: GroupCommit;
  private readonly purgeTimer: NodeJS.Timeout;

  constructor(path: string) {
    this.db = openSqlite(path);
    // The workers of `--workers N` open the file at once: the schema is made (or brought up to date) in one
    // write transaction, so each one after the first finds it done rather than adding the same column again.
    inWriteTransaction(this.db, () => migrate(this.db));
    this.statements = {
      get: this.db.prepare("SELECT record FROM sessions WHERE id = ? AND expires_at > ?"),
      put: this.db.prepare(
        "INSERT INTO sessions (id, record, expires_at, owner, due_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET record = excluded.record, expires_at = excluded.expires_at, owner = excluded.owner, due_at = excluded.due_at",
      ),
      update: this.db.prepare(
        "UPDATE sessions SET record = ?, expires_at = ?, owner = ?, due_at = ? WHERE id = ? AND expires_at > ?",
      ),
      byOwner: this.db.prepare(
        "SELECT id, expires_at AS expiresAt, due_at IS NOT NULL AS managed FROM sessions WHERE owner = ? AND expires_at > ? ORDER BY expires_at",
      ),
      // One statement, so one write transaction: two processes never claim the same id.
      claim: this.db.prepare(
        "UPDATE sessions SET due_at = ? WHERE id IN (SELECT id FROM sessions WHERE due_at <= ? AND expires_at > ? ORDER BY due_at LIMIT ?) RETURNING id",
      ),
      dueStats: this.db.prepare(
        "SELECT COUNT(*) AS managed, MIN(due_at) AS earliest FROM sessions WHERE due_at IS NOT NULL AND expires_at > ?",
      ),
      delete: this.db.prepare("DELETE FROM sessions WHERE id = ?"),
      purge: this.db.prepare("DELETE FROM sessions WHERE expires_at <= ?"),
      count: this.db.prepare("SELECT COUNT(*) AS n FROM sessions WHERE expires_at > ?"),
      ping: this.db.prepare("SELECT 1"),
    };
    this.writes = new GroupCommit(this.db);
    const purge = () => this.writes.run(() => this.statements.purge.run(Date.now()));
    // A purge that fails (the file busy) is retried at the next interval; nothing waits for it.
    this.purgeTimer = setInterval(() => purge().catch(() => {}), PURGE_INTERVAL_MS).unref();
  }

  async get(id: string) {
    const row = this.statements.get.get(id, Date.now()) as { record: Uint8Array } | undefined;
    return row && asBuffer(row.record);
  }

  put(id: string, record: Buffer, expiresAt: number, meta: RecordMeta, mode: PutMode) {
    return this.writes.run(() => {
      if (mode === "update") {
        return (
          Number(this.statements.update.run(record, expiresAt, meta.owner, meta.dueAt, id, Date.now()).changes) > 0
        );
      }
      this.statements.put.run(id, record, expiresAt, meta.owner, meta.dueAt);
      return true;
    });
  }

  async listByOwner(owner: string): Promise<OwnedRecord[]> {
    return rowsOf<{ id: string; expiresAt: number; managed: number }>(this.statements.byOwner, owner, Date.now()).map(
      ({ id, expiresAt, managed }) => ({ id, expiresAt, managed: managed === 1 }),
    );
  }

  claimDue(now: number, leaseMs: number, limit: number) {
    return this.writes.run(() =>
      rowsOf<{ id: string }>(this.statements.claim, now + leaseMs, now, now, limit).map((row) => row.id),
    );
  }

  async dueStats() {
    const row = this.statements.dueStats.get(Date.now()) as { managed: number; earliest: number | null } | undefined;
    return { managed: row?.managed ?? 0, earliestDueAt: row?.earliest ?? null };
  }

  delete(id: string) {
    return this.writes.run(() => Number(this.statements.delete.run(id).changes) > 0);
  }

  async count() {
    return (this.statements.count.get(Date.now()) as { n: number } | undefined)?.n ?? 0;
  }

  async ping() {
    this.statements.ping.get();
  }

  async close() {
    clearInterval(this.purgeTimer);
    // Queued after every pending write, so those commit before the file closes.
    await this.writes.run(() => {});
    this.db.close();
  }
}
