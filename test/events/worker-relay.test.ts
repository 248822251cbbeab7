import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { bearer, codes, graphql } from "../support/graphql.js";
import { IMPORT, KEEP_ALIVE } from "../support/operations.js";
import { type Stream, subscribe } from "../support/sse.js";
import { useEmulator, useTempDir } from "../support/stack.js";

// Two workers on one SQLite file share no Redis: their session events go through the primary
// (src/events/worker-relay.ts). node:cluster hands connections to the workers in turn, so of four streams
// opened one after the other, two are served by the worker that does not serve the operations.

const emulator = useEmulator();
const files = useTempDir("worker-relay-");
let gateway: GatewayProcess;
const streams: Stream[] = [];

beforeAll(async () => {
  gateway = await startGatewayProcess({
    WORKERS: "2",
    SESSION_STORE: `sqlite:${files.path("sessions.db")}`,
    STREAMS_PER_USER: "10",
  });
  // Each worker logs when it listens; connections go round-robin only once both do.
  await vi.waitFor(() => expect(gateway.logs.filter((line) => line.msg === "gateway listening")).toHaveLength(2), {
    timeout: 15_000,
  });
});
afterAll(async () => {
  for (const stream of streams) stream.close();
  await gateway?.stop();
});

describe("session events between the workers of one machine (SQLite)", () => {
  it("every stream hears EXTENDED and ENDED, whichever worker serves it and the operation", async () => {
    const { userId } = await emulator.admin.createUser();
    const { session } = await emulator.admin.createSession(userId);
    const imported = await graphql<{ importSession: { sessionToken: string } }>(gateway.url, IMPORT, { session });
    const token = imported.data?.importSession.sessionToken as string;
    expect(token).toBeTruthy();
    for (let i = 0; i < 4; i++) {
      streams.push(subscribe(gateway.url, bearer(token)));
      await sleep(100);
    }

    // Extensions until every stream has heard one: a stream only hears what is published after it
    // subscribed. Each one is EXTENDED, even within the second of the one before (lastExtendedAt moves).
    const deadline = Date.now() + 10_000;
    while (streams.some((s) => !s.events.some((e) => e.type === "EXTENDED")) && Date.now() < deadline) {
      expect(codes(await graphql(gateway.url, KEEP_ALIVE, {}, bearer(token)))).toEqual([]);
      await sleep(200);
    }
    expect(streams.map((s) => s.events.some((e) => e.type === "EXTENDED"))).toEqual([true, true, true, true]);

    const sent = Date.now();
    const ended = await graphql(gateway.url, "mutation { endSession { ended } }", {}, bearer(token));
    expect(ended.data).toEqual({ endSession: { ended: true } });
    await Promise.all(streams.map((s) => s.completed));
    for (const stream of streams) {
      const last = stream.events.at(-1);
      expect(last?.type).toBe("ENDED");
      expect((last?.receivedAt ?? Number.POSITIVE_INFINITY) - sent).toBeLessThan(1_000);
    }
  });

  it("keeps 20 users' streams apart across the relay: each hears its own session's events and no other's", async () => {
    const sessions = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const { userId } = await emulator.admin.createUser();
        const { session } = await emulator.admin.createSession(userId);
        const res = await graphql<{ importSession: { sessionToken: string; session: { id: string } } }>(
          gateway.url,
          IMPORT,
          { session },
        );
        return { token: res.data?.importSession.sessionToken as string, id: res.data?.importSession.session.id };
      }),
    );
    const own: Stream[] = [];
    for (const { token } of sessions) {
      own.push(subscribe(gateway.url, bearer(token)));
      await sleep(50);
    }
    streams.push(...own);
    await sleep(500);
    await Promise.all(sessions.map(({ token }) => graphql(gateway.url, KEEP_ALIVE, {}, bearer(token))));
    await Promise.all(own.map((stream) => stream.next()));
    await sleep(500);
    own.forEach((stream, i) => {
      expect(stream.events.map((e) => [e.type, e.sessionId])).toEqual([["EXTENDED", sessions[i]?.id]]);
    });
  });
});
