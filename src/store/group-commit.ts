import type { DatabaseSync } from "node:sqlite";

interface QueuedWrite {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for an SQLite connection with `synchronous = FULL`: the writes asked for in one turn of the
 * event loop run in one transaction, so they share one fsync instead of paying one each (the fsync blocks
 * the process 1-5 ms on a disk like this machine's, and costs system CPU). Each write's promise settles
 * only after its transaction committed, so an acknowledged write stays as durable as one committed alone.
 * Writes run in the order they were asked for; one that fails (a constraint) fails alone, the others
 * commit; a transaction that cannot commit (the file busy past its timeout, a full disk) fails them all.
 * The queue holds only what the turn's requests asked for: it is emptied every turn.
 */
export class GroupCommit {
  private queue: QueuedWrite[] = [];

  constructor(private readonly db: DatabaseSync) {}

  /** Runs `write` (synchronous statements of this connection) in the turn's transaction; settles after the commit. */
  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // setImmediate, not a microtask: the answers to every request that arrived in this turn's poll are read first.
      if (this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject }) === 1) {
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.db.exec("BEGIN IMMEDIATE");
      for (const { write } of batch) {
        try {
          outcomes.push({ ok: true, value: write() });
        } catch (error) {
          // SQLite undid that statement alone; the transaction goes on, unless the error ended it.
          outcomes.push({ ok: false, error });
        }
      }
      this.db.exec("COMMIT");
    } catch (error) {
      if (this.db.isTransaction) this.db.exec("ROLLBACK");
      for (const { reject } of batch) reject(error);
      return;
    }
    batch.forEach(({ resolve, reject }, i) => {
      const outcome = outcomes[i] as (typeof outcomes)[number];
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    });
  }
}
