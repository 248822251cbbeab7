import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../support/stack.js";

const dir = useTempDir("first-open-");
/** The store as the gateway's workers load it (`npm test` builds dist/ first). */
const STORE_MODULE = new URL("../../dist/store/sqlite-store.js", import.meta.url).href;
const CONNECTIONS = 4;
const FILES = 25;

/**
 * A thread that waits for the starting signal, then opens the store on `file`, as one of the gateway's
 * workers does when `--workers N` starts: the store's error message, or "" when it opened.
 */
const THREAD = `
const { workerData, parentPort } = require("node:worker_threads");
(async () => {
  const { SqliteStore } = await import(workerData.module);
  parentPort.postMessage("ready");
  Atomics.wait(workerData.go, 0, 0);
  try {
    const store = new SqliteStore(workerData.file);
    await store.close();
    parentPort.postMessage("");
  } catch (error) {
    parentPort.postMessage(String(error.message));
  }
})();
`;

/** Opens one new file from `CONNECTIONS` threads at the same moment; each one's outcome. */
async function openAtOnce(file: string): Promise<string[]> {
  const go = new Int32Array(new SharedArrayBuffer(4));
  const threads = Array.from(
    { length: CONNECTIONS },
    () => new Worker(THREAD, { eval: true, workerData: { module: STORE_MODULE, file, go } }),
  );
  const nextMessage = (thread: Worker) => new Promise<string>((resolve) => thread.once("message", resolve));
  await Promise.all(threads.map(nextMessage));
  const outcomes = threads.map(nextMessage);
  Atomics.store(go, 0, 1);
  Atomics.notify(go, 0);
  const results = await Promise.all(outcomes);
  await Promise.all(threads.map((thread) => thread.terminate()));
  return results;
}

describe("SQLite store: several workers opening a new file at once", () => {
  it("makes the schema once: no worker fails on what another one made", async () => {
    const failures: string[] = [];
    for (let i = 0; i < FILES; i++) {
      failures.push(...(await openAtOnce(dir.path(`new-${i}.db`))).filter(Boolean));
    }
    expect(failures).toEqual([]);
  });
});
