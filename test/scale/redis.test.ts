import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorAdmin } from "../../src/emulator/admin-client.js";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { RedisStore } from "../../src/store/redis-store.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { bearer, codes, graphql } from "../support/graphql.js";
import { END_SESSION, IMPORT, ISSUE_JWT, KEEP_ALIVE, SESSION } from "../support/operations.js";
import { skipUnless } from "../support/prerequisites.js";
import { type RedisServer, startRedis } from "../support/redis-server.js";

describe.skipIf(skipUnless("redis-server"))("the Redis session store, shared by two gateway processes", () => {
  let emulator: Emulator;
  let admin: EmulatorAdmin;
  let redis: RedisServer;
  let one: GatewayProcess;
  let two: GatewayProcess;

  beforeAll(async () => {
    emulator = await startEmulator();
    admin = new EmulatorAdmin(emulator.url);
    redis = await startRedis();
    const env = { SESSION_STORE: redis.url, SESSION_STORE_TIMEOUT_MS: "500" };
    [one, two] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
  });
  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await redis?.stop();
    await emulator?.close();
  });

  async function importThrough(gateway: GatewayProcess) {
    const { session } = await admin.createSession((await admin.createUser()).userId);
    const res = await graphql<{ importSession: { sessionToken: string } }>(gateway.url, IMPORT, { session });
    expect(res.errors).toBeUndefined();
    return res.data?.importSession.sessionToken as string;
  }

  it("serves a session imported through one process from the other, and ends it for both", async () => {
    const token = await importThrough(one);
    const read = await graphql<{ session: { active: boolean } }>(two.url, SESSION, {}, bearer(token));
    expect(read.data?.session.active).toBe(true);
    expect(codes(await graphql(two.url, KEEP_ALIVE, {}, bearer(token)))).toEqual([]);
    expect(codes(await graphql(two.url, ISSUE_JWT, {}, bearer(token)))).toEqual([]);
    expect((await graphql(two.url, END_SESSION, {}, bearer(token))).data).toEqual({ endSession: { ended: true } });
    expect(codes(await graphql(one.url, SESSION, {}, bearer(token)))).toEqual(["UNAUTHENTICATED"]);
  });

  it("gives each key a TTL that ends with the session", async () => {
    await admin.configure({ sessionLengthSeconds: 900 });
    const token = await importThrough(one);
    await admin.configure({ sessionLengthSeconds: 1800 });
    const read = await graphql<{ session: { expiresAt: string } }>(one.url, SESSION, {}, bearer(token));
    const expiresAt = Date.parse(read.data?.session.expiresAt ?? "");
    const client = new Redis(redis.url);
    try {
      const key = RedisStore.key(createHash("sha256").update(token).digest("hex"));
      const ttl = await client.pttl(key);
      expect(Math.abs(Date.now() + ttl - expiresAt)).toBeLessThan(2_000);
      expect(ttl).toBeGreaterThan(890_000);
      expect(ttl).toBeLessThanOrEqual(900_000);
      // keepSessionAlive moves the TTL with the session
      await graphql(two.url, KEEP_ALIVE, {}, bearer(token));
      expect(await client.pttl(key)).toBeGreaterThan(1_790_000);
    } finally {
      client.disconnect();
    }
  });

  it("fails fast while Redis is down, reports it on /ready, and recovers by itself with nothing lost", async () => {
    const before = await Promise.all(Array.from({ length: 5 }, () => importThrough(one)));
    const ready = async (g: GatewayProcess) => (await fetch(new URL("/ready", g.url))).status;
    expect(await ready(one)).toBe(200);
    // Steady traffic from both processes throughout the outage.
    let running = true;
    const outcomes: string[] = [];
    const traffic = (async () => {
      for (let i = 0; running; i++) {
        const res = await graphql((i % 2 ? one : two).url, SESSION, {}, bearer(before[i % 5] as string));
        outcomes.push(codes(res)[0] ?? "OK");
      }
    })();
    await sleep(200);

    await redis.kill();
    const started = performance.now();
    const during = await Promise.all(
      [one, two, one, two].map((g, i) => graphql(g.url, SESSION, {}, bearer(before[i] as string))),
    );
    expect(during.map(codes)).toEqual(Array(4).fill(["UPSTREAM_UNAVAILABLE"]));
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(await ready(one)).toBe(503);
    expect(
      codes(
        await graphql(one.url, IMPORT, {
          session: (await admin.createSession((await admin.createUser()).userId)).session,
        }),
      ),
    ).toEqual(["UPSTREAM_UNAVAILABLE"]);

    await redis.start();
    for (let attempt = 0; attempt < 50 && (await ready(two)) !== 200; attempt++) await sleep(100);
    expect(await ready(two)).toBe(200);
    await sleep(200);
    running = false;
    await traffic;
    expect(new Set(outcomes)).toEqual(new Set(["OK", "UPSTREAM_UNAVAILABLE"]));
    expect(outcomes.at(-1)).toBe("OK");
    for (const [i, token] of before.entries()) {
      const gateway = i % 2 === 0 ? one : two;
      const res = await graphql<{ session: { active: boolean } }>(gateway.url, SESSION, {}, bearer(token));
      expect(res.data?.session.active).toBe(true);
    }
  });
});

describe.skipIf(skipUnless("redis-server"))("rediss:// with a password", () => {
  let emulator: Emulator;
  let redis: RedisServer;

  beforeAll(async () => {
    emulator = await startEmulator();
    redis = await startRedis({ tls: true });
  });
  afterAll(async () => {
    await redis?.stop();
    await emulator?.close();
  });

  it("stores and serves sessions over TLS, and refuses a server it cannot verify", async () => {
    const admin = new EmulatorAdmin(emulator.url);
    const trusting = await startGatewayProcess({ SESSION_STORE: redis.url, SESSION_STORE_TLS_CA: redis.caFile });
    try {
      const { session } = await admin.createSession((await admin.createUser()).userId);
      const res = await graphql<{ importSession: { sessionToken: string } }>(trusting.url, IMPORT, { session });
      const token = res.data?.importSession.sessionToken as string;
      const read = await graphql<{ session: { active: boolean } }>(trusting.url, SESSION, {}, bearer(token));
      expect(read.data?.session.active).toBe(true);
    } finally {
      await trusting.stop();
    }
    const untrusting = await startGatewayProcess({ SESSION_STORE: redis.url });
    try {
      expect((await fetch(new URL("/ready", untrusting.url))).status).toBe(503);
    } finally {
      await untrusting.stop();
    }
  });
});
