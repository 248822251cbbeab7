import { statSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { GroupCommit } from "../../src/store/group-commit.js";
import { openSqlite, SqliteStore } from "../../src/store/sqlite-store.js";
import { useTempDir } from "../support/stack.js";

const dir = useTempDir("group-commit-");
const meta = { owner: "owner", dueAt: null };
const record = (i: number) => Buffer.alloc(600, i);
const later = () => Date.now() + 60_000;
/** The write-ahead log's size: every commit appends at least one page-sized frame to it. */
const walBytes = (file: string) => statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;

describe("SQLite writes: group commit", () => {
  it("commits the writes asked for in one turn together, each visible to another connection once it settled", async () => {
    const file = dir.path("together.db");
    const store = new SqliteStore(file);
    const observer = new DatabaseSync(file);
    try {
      await store.put("warm-up", record(0), later(), meta, "create");
      const start = walBytes(file);
      for (let i = 0; i < 20; i++) await store.put(`alone-${i}`, record(i), later(), meta, "create");
      const alone = walBytes(file) - start;

      const before = walBytes(file);
      const together = Array.from({ length: 20 }, (_, i) =>
        store.put(`together-${i}`, record(i), later(), meta, "create"),
      );
      // Asked for, not yet committed: nothing is acknowledged before its commit.
      expect(observer.prepare("SELECT COUNT(*) AS n FROM sessions WHERE id LIKE 'together-%'").get()).toEqual({ n: 0 });
      expect(await Promise.all(together)).toEqual(Array(20).fill(true));
      const grouped = walBytes(file) - before;

      expect(observer.prepare("SELECT COUNT(*) AS n FROM sessions WHERE id LIKE 'together-%'").get()).toEqual({
        n: 20,
      });
      // Twenty commits append twenty or more frames; one commit of the same rows, a few.
      expect(alone).toBeGreaterThanOrEqual(20 * 4096);
      expect(grouped * 4).toBeLessThan(alone);
    } finally {
      observer.close();
      await store.close();
    }
  });

  it("keeps the order writes were asked for: a put then a delete of one id leaves it deleted, and the reverse kept", async () => {
    const store = new SqliteStore(dir.path("order.db"));
    try {
      const [, deleted] = await Promise.all([
        store.put("first-put", record(1), later(), meta, "create"),
        store.delete("first-put"),
      ]);
      expect(deleted).toBe(true);
      expect(await store.get("first-put")).toBeUndefined();

      await store.put("first-delete", record(1), later(), meta, "create");
      const [gone] = await Promise.all([
        store.delete("first-delete"),
        store.put("first-delete", record(2), later(), meta, "create"),
      ]);
      expect(gone).toBe(true);
      expect((await store.get("first-delete"))?.[0]).toBe(2);
      // An update over a record deleted earlier in the same turn writes nothing, and says so.
      const [, updated] = await Promise.all([
        store.delete("first-delete"),
        store.put("first-delete", record(3), later(), meta, "update"),
      ]);
      expect(updated).toBe(false);
    } finally {
      await store.close();
    }
  });

  it("fails only the write that failed; the others of its turn commit", async () => {
    const db = openSqlite(dir.path("alone.db"));
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER CHECK (n >= 0))");
    const writes = new GroupCommit(db);
    const insert = db.prepare("INSERT INTO t (id, n) VALUES (?, ?)");
    try {
      const results = await Promise.allSettled([
        writes.run(() => insert.run(1, 1)),
        writes.run(() => insert.run(2, -1)),
        writes.run(() => insert.run(3, 3)),
      ]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/CHECK constraint failed/);
      expect(db.prepare("SELECT id FROM t ORDER BY id").all()).toEqual([{ id: 1 }, { id: 3 }]);
    } finally {
      db.close();
    }
  });

  it("fails every write of a turn that cannot commit (the file locked past the timeout), and commits the next turn's", async () => {
    const file = dir.path("locked.db");
    const db = new DatabaseSync(file, { timeout: 50 });
    db.exec("PRAGMA journal_mode = WAL; CREATE TABLE t (id INTEGER PRIMARY KEY)");
    const other = new DatabaseSync(file);
    const writes = new GroupCommit(db);
    const insert = db.prepare("INSERT INTO t (id) VALUES (?)");
    try {
      other.exec("BEGIN IMMEDIATE");
      const locked = await Promise.allSettled([writes.run(() => insert.run(1)), writes.run(() => insert.run(2))]);
      expect(locked.map((r) => r.status)).toEqual(["rejected", "rejected"]);
      expect(String((locked[0] as PromiseRejectedResult).reason)).toMatch(/locked|busy/i);
      expect(db.isTransaction).toBe(false);
      other.exec("COMMIT");

      await writes.run(() => insert.run(3));
      expect(other.prepare("SELECT id FROM t").all()).toEqual([{ id: 3 }]);
    } finally {
      other.close();
      db.close();
    }
  });

  it("commits the writes still queued when the store closes", async () => {
    const file = dir.path("closing.db");
    const store = new SqliteStore(file);
    const pending = store.put("queued", record(7), later(), meta, "create");
    await store.close();
    await pending;
    const reopened = new SqliteStore(file);
    try {
      expect((await reopened.get("queued"))?.[0]).toBe(7);
    } finally {
      await reopened.close();
    }
  });
});
