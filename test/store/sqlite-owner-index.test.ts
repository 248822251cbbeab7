import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import { useTempDir } from "../support/stack.js";

const dir = useTempDir("owner-index-");
const later = (s: number) => Date.now() + s * 1000;

/** How SQLite answers "this owner's live sessions, soonest to end first", as the quota asks on every import. */
const planOfOwnerQuery = (db: DatabaseSync) =>
  (
    db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT id, expires_at, due_at IS NOT NULL FROM sessions WHERE owner = ? AND expires_at > ? ORDER BY expires_at",
      )
      .all("owner", 0) as { detail: string }[]
  ).map((row) => row.detail);

describe("SQLite store: a user's sessions come from an index alone", () => {
  it("moves a file with the owner-only index to the covering one, and lists its sessions as before", async () => {
    const file = dir.path("old.db");
    // A file as the store made it before: sessions indexed by owner alone.
    const old = new DatabaseSync(file);
    old.exec(
      "CREATE TABLE sessions (id TEXT PRIMARY KEY, record BLOB NOT NULL, expires_at INTEGER NOT NULL, owner TEXT NOT NULL DEFAULT '', due_at INTEGER) STRICT",
    );
    old.exec("CREATE INDEX sessions_owner ON sessions (owner)");
    const insert = old.prepare("INSERT INTO sessions VALUES (?, ?, ?, ?, ?)");
    // Records large enough to spill past their page, as sealed sessions do.
    insert.run("b", Buffer.alloc(6000, 1), later(20), "owner", later(5));
    insert.run("a", Buffer.alloc(6000, 2), later(10), "owner", null);
    insert.run("c", Buffer.alloc(6000, 3), later(30), "someone-else", null);
    expect(planOfOwnerQuery(old).join(" ")).not.toContain("COVERING INDEX");
    old.close();

    const store = new SqliteStore(file);
    try {
      const owned = await store.listByOwner("owner");
      expect(owned.map(({ id, managed }) => ({ id, managed }))).toEqual([
        { id: "a", managed: false },
        { id: "b", managed: true },
      ]);
    } finally {
      await store.close();
    }

    const reopened = new DatabaseSync(file);
    try {
      const indexes = (
        reopened.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sessions'").all() as {
          name: string;
        }[]
      ).map((row) => row.name);
      expect(indexes).not.toContain("sessions_owner");
      // Read from the index, in its order: no row (and no sealed record) is touched, nothing is sorted.
      expect(planOfOwnerQuery(reopened)).toEqual([expect.stringMatching(/^SEARCH sessions USING COVERING INDEX/)]);
    } finally {
      reopened.close();
    }
  });
});
