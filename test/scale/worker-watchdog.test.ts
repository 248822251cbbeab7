import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ConfigError, loadConfig } from "../../src/runtime/config.js";
import { postFrom, postOver } from "../support/from-address.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { pinConnection } from "../support/pinned-connection.js";
import { useEmulator, useTempDir } from "../support/stack.js";

// The supervisor's watchdog (src/runtime/worker-watchdog.ts). A worker whose event loop stops answering
// (here SIGSTOP, as a loop that never yields would) keeps every connection it holds: a backend's or a
// router's kept-alive connections to it, and the new one node:cluster last handed it, all hang. Killed after
// WORKER_HANG_TIMEOUT_MS and replaced, it lets them go; a worker that answers is never touched.

useEmulator();
const files = useTempDir("worker-watchdog-");
const HANG_TIMEOUT_MS = 1_500;
let gateway: GatewayProcess;
let stopped: number | undefined;

const listening = () => gateway.logs.filter((l) => l.msg === "gateway listening").map((l) => l.pid as number);
const killedLines = () =>
  gateway.logs.filter((l) => l.msg === "worker not answering (WORKER_HANG_TIMEOUT_MS); killing it");
const PROBE = { query: "query Probe { __typename }" };
/** What a request came to: its answer, or "failed" (the connection reset or refused), or "hung" past `ms`. */
const settle = (answer: Promise<{ json: { data?: Record<string, unknown> | null } }>, ms: number) =>
  Promise.race([
    answer.then(
      (a) => a.json.data?.__typename,
      () => "failed",
    ),
    sleep(ms, "hung"),
  ]);

beforeAll(async () => {
  gateway = await startGatewayProcess({
    WORKERS: "2",
    SESSION_STORE: `sqlite:${files.path("sessions.db")}`,
    WORKER_HANG_TIMEOUT_MS: String(HANG_TIMEOUT_MS),
    LOG_LEVEL: "info",
  });
  await vi.waitFor(() => expect(listening()).toHaveLength(2), { timeout: 15_000 });
});
afterAll(async () => {
  if (stopped && killedLines().length === 0) process.kill(stopped, "SIGCONT");
  await gateway?.stop();
});

describe("a worker whose event loop stops answering (--workers 2)", () => {
  it("leaves answering workers alone, kills a stuck one within its timeout, and its connections are let go", async () => {
    const [stuck, healthy] = listening() as [number, number];
    const held = [];
    for (let i = 0; i < 6; i++) held.push(await pinConnection(gateway));
    expect(new Set(held.map((c) => c.pid))).toEqual(new Set([stuck, healthy]));

    // Longer than two timeouts, both workers serving: nobody is killed.
    for (let i = 0; i < 12; i++) {
      expect(await settle(postFrom("127.0.0.1", gateway.url, PROBE), 3_000)).toBe("Query");
      await sleep(HANG_TIMEOUT_MS / 6);
    }
    expect(killedLines()).toEqual([]);

    stopped = stuck;
    process.kill(stuck, "SIGSTOP");
    // Each held connection asked once: the stuck worker's are reset when it is killed, well before 8 s.
    const outcomes = await Promise.all(held.map(({ agent }) => settle(postOver(agent, gateway.url, PROBE), 8_000)));
    expect(outcomes).toEqual(held.map(({ pid }) => (pid === stuck ? "failed" : "Query")));

    // The log reaches this process through a pipe, maybe after the reset connections.
    await vi.waitFor(() => expect(killedLines()).toHaveLength(1));
    const killed = killedLines()[0] as { workerPid: number; silentMs: number };
    expect(killed.workerPid).toBe(stuck);
    // Killed at the first check past its timeout (checks come every third of it; a busy machine's timers
    // may be late), not later.
    expect(killed.silentMs).toBeGreaterThan(HANG_TIMEOUT_MS);
    expect(killed.silentMs).toBeLessThan(HANG_TIMEOUT_MS * 2.5);
    await vi.waitFor(
      () =>
        expect(gateway.logs.filter((l) => l.msg === "worker died; starting another")).toEqual([
          expect.objectContaining({ workerPid: stuck, signal: "SIGKILL" }),
        ]),
      { timeout: 5_000 },
    );
    await vi.waitFor(() => expect(listening()).toHaveLength(3), { timeout: 15_000 });
    expect([stuck, healthy]).not.toContain(listening()[2]);

    // New connections are answered, and the worker that kept answering was never touched.
    const fresh = await Promise.all(
      Array.from({ length: 10 }, () => settle(postFrom("127.0.0.1", gateway.url, PROBE), 3_000)),
    );
    expect(fresh).toEqual(Array(10).fill("Query"));
    expect(() => process.kill(healthy, 0)).not.toThrow();
    expect(killedLines()).toHaveLength(1);
    for (const { agent } of held) agent.destroy();
  });

  it("waits 30 s by default, never with 0, and refuses a timeout under a second", () => {
    const withTimeout = (value?: string) =>
      loadConfig({ NODE_ENV: "development", PARA_ENV: "DEV", PARA_API_KEY: "k", WORKER_HANG_TIMEOUT_MS: value });
    expect(withTimeout().workerHangTimeoutMs).toBe(30_000);
    expect(withTimeout("0").workerHangTimeoutMs).toBe(0);
    expect(() => withTimeout("500")).toThrow(ConfigError);
    expect(() => withTimeout("500")).toThrow(/WORKER_HANG_TIMEOUT_MS/);
  });
});
