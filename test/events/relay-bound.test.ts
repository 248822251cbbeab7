import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { writeFileSync } from "node:fs";
import { setTimeout as sleep, setImmediate as yieldToIo } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { boundedSend } from "../../src/events/worker-relay.js";
import { useTempDir } from "../support/stack.js";

// The relay's bound (src/events/worker-relay.ts) against a real IPC channel: a child process that reads
// every message, then one stopped with SIGSTOP, as a worker that stops keeping up would be.

const files = useTempDir("relay-bound-");
const LIMIT = 100;
const EVENTS = 20_000;
const event = { paraGatewaySessionEvent: { type: "EXTENDED", detail: { padding: "p".repeat(1_000) } } };
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill("SIGKILL");
});

async function startReader(): Promise<ChildProcess> {
  const script = files.path("reader.mjs");
  writeFileSync(
    script,
    `let n = 0;
     process.on("message", (m) => { if (m === "count?") process.send(n); else n++; });
     process.send("ready");`,
  );
  const reader = fork(script, { execArgv: [], stdio: ["ignore", "ignore", "ignore", "ipc"] });
  await once(reader, "message");
  return reader;
}

/** Sends `count` events through a bound of LIMIT, a hundred at a time, `pauseMs` apart (0: a turn of the event loop). */
async function flood(reader: ChildProcess, count: number, pauseMs: number) {
  const seen = { accepted: 0, inFlight: 0, maxInFlight: 0, droppingEpisodes: 0 };
  const send = boundedSend(
    (message, written) => {
      seen.inFlight++;
      seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
      reader.send(message, undefined, {}, () => {
        seen.inFlight--;
        written();
      });
    },
    () => seen.droppingEpisodes++,
    LIMIT,
  );
  for (let i = 0; i < count; i++) {
    if (send(event)) seen.accepted++;
    if (i % 100 === 99) await (pauseMs ? sleep(pauseMs) : yieldToIo());
  }
  return { seen, send };
}

async function received(reader: ChildProcess): Promise<number> {
  const answer = once(reader, "message");
  reader.send("count?");
  return (await answer)[0] as number;
}

describe("the relay's bound on events queued towards one process", () => {
  it("drops nothing for a process that keeps up, at 10,000 events a second", async () => {
    child = await startReader();
    const { seen } = await flood(child, 2_000, 10);
    expect(seen.accepted).toBe(2_000);
    expect(seen.droppingEpisodes).toBe(0);
    expect(await received(child)).toBe(2_000);
  });

  it("holds at most its limit for a stopped process, drops the rest, and sends again once it reads", async () => {
    child = await startReader();
    child.kill("SIGSTOP");
    const { seen, send } = await flood(child, EVENTS, 0);
    // The channel's kernel buffer took a few hundred, then Node's queue filled to the limit and stayed there.
    expect(seen.maxInFlight).toBe(LIMIT);
    expect(seen.accepted).toBeLessThan(EVENTS / 4);
    expect(seen.droppingEpisodes).toBe(1);

    child.kill("SIGCONT");
    expect(await received(child)).toBe(seen.accepted);
    expect(seen.inFlight).toBe(0);
    expect(send(event)).toBe(true);
  });
});
