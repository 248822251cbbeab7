import type { Agent } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { postOver } from "../support/from-address.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { bearer } from "../support/graphql.js";
import { IMPORT, KEEP_ALIVE } from "../support/operations.js";
import { type PinnedConnection, pinConnection } from "../support/pinned-connection.js";
import { type Stream, subscribe } from "../support/sse.js";
import { useEmulator, useTempDir } from "../support/stack.js";

// The relay's bound (RELAY_IN_FLIGHT_LIMIT, src/events/worker-relay.ts) in a running gateway: three workers
// on one SQLite file, one of them stopped (SIGSTOP, as a worker swapping or stuck would be) while a user of
// another floods the relay with extensions. The primary drops what the stopped worker cannot take, says so
// once, and keeps relaying to the worker that reads: an honest stream there hears its session's events.

const emulator = useEmulator();
const files = useTempDir("relay-stall-");
const WORKERS = 3;
let gateway: GatewayProcess;
let stopped: number | undefined;
const streams: Stream[] = [];

async function importSession(agent: Agent): Promise<string> {
  const { userId } = await emulator.admin.createUser();
  const { session } = await emulator.admin.createSession(userId);
  const res = await postOver(agent, gateway.url, { query: IMPORT, variables: { session } });
  const token = (res.json.data?.importSession as { sessionToken?: string } | undefined)?.sessionToken;
  expect(token).toBeTruthy();
  return token as string;
}

const keepAlive = (agent: Agent, token: string) => postOver(agent, gateway.url, { query: KEEP_ALIVE }, bearer(token));

beforeAll(async () => {
  gateway = await startGatewayProcess({
    WORKERS: String(WORKERS),
    SESSION_STORE: `sqlite:${files.path("sessions.db")}`,
    STREAMS_PER_USER: "10",
    // The stopped worker must come back after SIGCONT, not be killed and replaced by the watchdog.
    WORKER_HANG_TIMEOUT_MS: "0",
    LOG_LEVEL: "info",
  });
  await vi.waitFor(
    () => expect(gateway.logs.filter((line) => line.msg === "gateway listening")).toHaveLength(WORKERS),
    { timeout: 15_000 },
  );
});
afterAll(async () => {
  if (stopped) process.kill(stopped, "SIGCONT");
  for (const stream of streams) stream.close();
  await gateway?.stop();
});

describe("a stopped worker and a flood of session events (three workers, SQLite)", () => {
  it("drops what the stopped worker cannot take, once logged, while another worker's stream hears its events", async () => {
    const pids = gateway.logs.filter((l) => l.msg === "gateway listening").map((l) => l.pid as number);
    // Connections to one worker, made before another stops (a new connection may be handed to the stopped one).
    const conns: PinnedConnection[] = [];
    for (let i = 0; i < 3 * WORKERS; i++) conns.push(await pinConnection(gateway));
    const flooder = conns[0]?.pid as number;
    const onFlooder = conns.filter((c) => c.pid === flooder);
    expect(onFlooder.length).toBeGreaterThanOrEqual(2);
    const honestAgent = onFlooder[0]?.agent as Agent;
    const honest = await importSession(honestAgent);
    const attackers = await Promise.all(onFlooder.map((c) => importSession(c.agent)));

    // Six streams opened one after another: two on each worker, round-robin.
    for (let i = 0; i < 2 * WORKERS; i++) {
      streams.push(subscribe(gateway.url, bearer(honest)));
      await sleep(150);
    }
    expect((await keepAlive(honestAgent, honest)).status).toBe(200);
    await Promise.all(streams.map((s) => s.next()));

    stopped = pids.find((pid) => pid !== flooder) as number;
    process.kill(stopped, "SIGSTOP");

    // Extensions of the attackers' own sessions, every one an event relayed to both other workers, until
    // the primary says it drops events towards the stopped one.
    const dropping = () =>
      gateway.logs.filter((l) => l.msg === "session events not relayed: a worker is not keeping up");
    const deadline = Date.now() + 40_000;
    let sent = 0;
    await Promise.all(
      onFlooder.map(async (conn, i) => {
        while (dropping().length === 0 && Date.now() < deadline) {
          expect((await keepAlive(conn.agent, attackers[i] as string)).status).toBe(200);
          sent++;
        }
      }),
    );
    expect(
      dropping().map((l) => l.workerPid),
      "the primary never said it drops events",
    ).toEqual([stopped]);

    // The honest user's next extension: the four streams on the two running workers hear it, one of them
    // through the same primary; the two on the stopped worker do not.
    const before = streams.map((s) => s.events.length);
    expect((await keepAlive(honestAgent, honest)).status).toBe(200);
    const heard = () => streams.filter((s, i) => s.events.length > (before[i] as number)).length;
    await vi.waitFor(() => expect(heard()).toBe(2 * (WORKERS - 1)), { timeout: 5_000 });
    await sleep(500);
    expect(heard()).toBe(2 * (WORKERS - 1));

    // Resumed, the stopped worker reads what was queued and the relay sends to it again: every stream hears
    // the extension after that.
    process.kill(stopped, "SIGCONT");
    stopped = undefined;
    await sleep(1_000);
    const again = streams.map((s) => s.events.length);
    expect((await keepAlive(honestAgent, honest)).status).toBe(200);
    await vi.waitFor(() => expect(streams.every((s, i) => s.events.length > (again[i] as number))).toBe(true), {
      timeout: 5_000,
    });
    expect(dropping()).toHaveLength(1);
    const errors = gateway
      .output()
      .split("\n")
      .filter((line) => /"level":(50|60)|Error/.test(line));
    expect(
      gateway.logs.filter((l) => l.msg === "worker died; starting another"),
      errors.join("\n"),
    ).toEqual([]);
    console.log(`relay stall: ${sent} extensions before the primary dropped`);
  }, 90_000);
});
