import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { bearer, codes, graphql } from "../support/graphql.js";
import { metric } from "../support/metrics.js";
import { IMPORT, ISSUE_JWT, KEEP_ALIVE } from "../support/operations.js";
import { type RedisServer, startRedis } from "../support/redis-server.js";
import { type Stream, subscribe } from "../support/sse.js";
import { useEmulator } from "../support/stack.js";

const emulator = useEmulator();
const NOTICE_MS = 2_000;
let redis: RedisServer;
let a: GatewayProcess;
let b: GatewayProcess;
const streams: Stream[] = [];

beforeAll(async () => {
  redis = await startRedis();
  // One address opens 200 streams below, 100 of them of one session.
  const env = {
    SESSION_STORE: redis.url,
    SESSION_EXPIRING_NOTICE_MS: String(NOTICE_MS),
    STREAMS_PER_ADDRESS: "1000",
    STREAMS_PER_USER: "200",
  };
  [a, b] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
});
afterAll(async () => {
  for (const s of streams) s.close();
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
});
beforeEach(() => emulator.admin.configure({ sessionLengthSeconds: 1800 }));

async function newSession(gateway: GatewayProcess, userId?: string) {
  const id = userId ?? (await emulator.admin.createUser()).userId;
  const { session, verificationToken } = await emulator.admin.createSession(id);
  const res = await graphql<{ importSession: { sessionToken: string; session: { id: string; expiresAt: string } } }>(
    gateway.url,
    IMPORT,
    { session },
  );
  return {
    userId: id,
    verificationToken,
    token: res.data?.importSession.sessionToken as string,
    sessionId: res.data?.importSession.session.id as string,
    expiresAt: res.data?.importSession.session.expiresAt as string,
  };
}

function open(gateway: GatewayProcess, token: string): Stream {
  const stream = subscribe(gateway.url, bearer(token));
  streams.push(stream);
  return stream;
}

/**
 * Para's expiries are whole seconds: an extension within the second of the import leaves the expiry
 * where it was, and the gateway truthfully sends no EXTENDED. A test that wants one waits for the next.
 */
const nextSecond = () => sleep(1_000 - (Date.now() % 1_000) + 10);

/** The session channels Redis holds subscriptions for, across both replicas. */
async function sessionChannels(): Promise<number> {
  const redisClient = new Redis(redis.url);
  try {
    return ((await redisClient.pubsub("CHANNELS", "para-gateway:session-events*")) as string[]).length;
  } finally {
    redisClient.disconnect();
  }
}

/**
 * Waits until the gateway holds `n` open streams and Redis holds the subscriptions of `sessions`
 * sessions: only then is a stream live, and its cause may be sent.
 */
async function streamsOpen(gateway: GatewayProcess, n: number, sessions = n) {
  await expect.poll(() => metric(gateway.url, "para_gateway_event_streams"), { timeout: 10_000 }).toBe(n);
  if (n > 0) await expect.poll(sessionChannels, { timeout: 10_000 }).toBeGreaterThanOrEqual(sessions);
}

describe("sessionEvents over Server-Sent Events", () => {
  it("refuses a subscription without a valid session before any stream starts", async () => {
    for (const headers of [{}, bearer("not-a-session-token")]) {
      const stream = subscribe(a.url, headers);
      await stream.completed;
      expect(stream.events).toEqual([]);
      expect(stream.errors.map((e) => e.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
    }
  });

  it("EXTENDED within a second of keepSessionAlive or issueJwt on another replica", async () => {
    const { token, sessionId } = await newSession(a);
    const stream = open(a, token);
    await streamsOpen(a, 1);
    for (const operation of [KEEP_ALIVE, ISSUE_JWT]) {
      await nextSecond();
      const sent = Date.now();
      expect(codes(await graphql(b.url, operation, {}, bearer(token)))).toEqual([]);
      const event = await stream.next();
      expect(event.type).toBe("EXTENDED");
      expect(event.sessionId).toBe(sessionId);
      expect(event.receivedAt - sent).toBeLessThan(1_000);
      expect(Date.parse(event.expiresAt as string)).toBeGreaterThan(Date.now() + 29 * 60_000);
    }
    stream.close();
    await streamsOpen(a, 0);
  });

  it("ENDED, and the stream's end, when endSession or endAllSessions runs on another replica", async () => {
    const user = await emulator.admin.createUser();
    const [first, second] = [await newSession(a, user.userId), await newSession(a, user.userId)];
    const streamsOfUser = [open(a, first.token), open(a, second.token)];
    await streamsOpen(a, 2);
    const sent = Date.now();
    expect((await graphql(b.url, "mutation { endSession { ended } }", {}, bearer(first.token))).data).toEqual({
      endSession: { ended: true },
    });
    const ended = await streamsOfUser[0]?.next();
    expect(ended?.type).toBe("ENDED");
    expect((ended?.receivedAt ?? Number.POSITIVE_INFINITY) - sent).toBeLessThan(1_000);
    await streamsOfUser[0]?.completed;

    const third = await newSession(b, user.userId);
    const sentAll = Date.now();
    expect((await graphql(b.url, "mutation { endAllSessions }", {}, bearer(third.token))).data).toEqual({
      endAllSessions: 2,
    });
    const endedToo = await streamsOfUser[1]?.next();
    expect(endedToo?.type).toBe("ENDED");
    expect((endedToo?.receivedAt ?? Number.POSITIVE_INFINITY) - sentAll).toBeLessThan(1_000);
    await streamsOfUser[1]?.completed;
    await streamsOpen(a, 0);
  });

  it("EXPIRING a notice before the expiry, then EXPIRED at it, without asking Para about a session no longer held", async () => {
    await emulator.admin.configure({ sessionLengthSeconds: 4 });
    const { token, expiresAt, verificationToken } = await newSession(a);
    const stream = open(b, token);
    const expiring = await stream.next(10_000);
    expect(expiring.type).toBe("EXPIRING");
    expect(Math.abs(expiring.receivedAt - (Date.parse(expiresAt) - NOTICE_MS))).toBeLessThan(1_000);
    const expired = await stream.next(10_000);
    expect(expired.type).toBe("EXPIRED");
    // At the expiry the gateway reported (Para's JWT gives it to the second), when its record of the session
    // ends; Para's own (to the millisecond) is within that second.
    expect(expired.receivedAt - Date.parse(expiresAt)).toBeGreaterThanOrEqual(0);
    expect(expired.receivedAt - Date.parse(expiresAt)).toBeLessThan(1_000);
    const { expiresAt: paraExpiry } = await emulator.admin.sessionState(verificationToken);
    expect(Math.abs(paraExpiry - Date.parse(expiresAt))).toBeLessThan(1_000);
    await stream.completed;
  });

  it("keeps 50 users' streams apart: each sees its own EXTENDED and nothing else", async () => {
    const sessions = await Promise.all(Array.from({ length: 50 }, () => newSession(a)));
    const own = sessions.map((s, i) => open(i % 2 ? a : b, s.token));
    await Promise.all([streamsOpen(a, 25, 50), streamsOpen(b, 25, 50)]);
    await nextSecond();
    const kept = await Promise.all(sessions.map((s) => graphql(a.url, KEEP_ALIVE, {}, bearer(s.token))));
    expect(kept.flatMap((res) => codes(res))).toEqual([]);
    await Promise.all(own.map((stream) => stream.next()));
    await sleep(1_000);
    for (const stream of own) expect(stream.events.map((e) => e.type)).toEqual(["EXTENDED"]);
    for (const stream of own) stream.close();
    await Promise.all([streamsOpen(a, 0), streamsOpen(b, 0)]);
  });

  it("leaves no stream, timer or Redis subscription behind when 200 clients open and drop", async () => {
    const timers = () => metric(a.url, 'nodejs_active_resources\\{type="Timeout"\\}');
    const before = { timers: await timers(), channels: await sessionChannels() };
    const { token } = await newSession(a);
    const others = await Promise.all(Array.from({ length: 19 }, () => newSession(a)));
    const dropped = Array.from({ length: 200 }, (_, i) =>
      subscribe(a.url, bearer(i % 2 ? token : (others[i % 19]?.token as string))),
    );
    await streamsOpen(a, 200, before.channels + 20);
    expect(await sessionChannels()).toBe(before.channels + 20);
    for (const stream of dropped) stream.close();
    await streamsOpen(a, 0);
    await expect.poll(sessionChannels, { timeout: 5_000 }).toBe(before.channels);
    await expect.poll(timers, { timeout: 5_000 }).toBeLessThanOrEqual(before.timers + 2);
  });
});

describe("Apollo's error conventions", () => {
  it("BAD_USER_INPUT for a variable of the wrong type or a missing required one; BAD_REQUEST for a malformed request", async () => {
    expect(codes(await graphql(a.url, ISSUE_JWT, { keyIndex: "zero" }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await graphql(a.url, IMPORT, {}))).toEqual(["BAD_USER_INPUT"]);
    const malformed = await fetch(a.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    expect(
      ((await malformed.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
    ).toBe("BAD_REQUEST");
  });
});
