import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorUser } from "../../src/emulator/admin-client.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { bearer, graphql } from "../support/graphql.js";
import {
  expectAllKeptOnce as expectAllKeptOnceWith,
  importManaged as importManagedWith,
  type Managed,
} from "../support/managed.js";
import { metric } from "../support/metrics.js";
import { type RedisServer, startRedis } from "../support/redis-server.js";
import { useEmulator, useTempDir } from "../support/stack.js";

// Sessions kept alive with no client traffic. Both scenarios wait on real time, so they run side by
// side: each on its own Para app (the emulator sets session lengths and faults per app).
const emulator = useEmulator();
const dir = useTempDir("gateway-keeper-");

const SESSION = "query { session { active keepAlive lastExtendedAt expiresAt } }";
const KEEPER = {
  KEEPER_INTERVAL_MS: "500",
  KEEPER_LEASE_MS: "3000",
  LOG_LEVEL: "info",
  // Ten users with ten managed sessions each: the per-login caps are the abuse suite's to test.
  MAX_MANAGED_SESSIONS_PER_USER: "20",
};

const importManaged = (gateway: GatewayProcess, user: EmulatorUser) => importManagedWith(emulator.admin, gateway, user);
const expectAllKeptOnce = (sessions: Managed[], lengthSeconds: number) =>
  expectAllKeptOnceWith(emulator.admin, sessions, lengthSeconds);

describe.concurrent("the session keeper", () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.stop());

  it("keeps 100 sessions alive on two replicas sharing Redis, and 20 on SQLite, through a SIGKILL, each extended once per cycle", async () => {
    const LENGTH = 20;
    const app = await emulator.admin.createPartner({ name: "Keeper app", sessionLengthSeconds: LENGTH });
    const env = { ...KEEPER, PARA_API_KEY: app.publicKey, PARA_SECRET_API_KEY: app.secretKey };
    const onRedis = { ...env, SESSION_STORE: redis.url };
    const [a, b, lone] = await Promise.all([
      startGatewayProcess(onRedis),
      startGatewayProcess(onRedis),
      startGatewayProcess({ ...env, SESSION_STORE: `sqlite:${dir.path("keeper.db")}` }),
    ]);
    try {
      const users = await Promise.all(
        Array.from({ length: 10 }, () => emulator.admin.createUser({ partnerId: app.id })),
      );
      const replicated = await Promise.all(
        Array.from({ length: 100 }, (_, i) => importManaged(i % 2 ? a : b, users[i % users.length] as EmulatorUser)),
      );
      const single = await Promise.all(
        Array.from({ length: 20 }, (_, i) => importManaged(lone, users[i % users.length] as EmulatorUser)),
      );
      const endedByPara = await importManaged(lone, users[0] as EmulatorUser);

      // Para ends one after its first extension: at its next due time the keeper learns it, and stops.
      await sleep(20_000);
      await emulator.admin.expireSession(endedByPara.verificationToken);
      await sleep(9_000);
      const gone = await graphql<{ session: { active: boolean; keepAlive: boolean } }>(
        lone.url,
        SESSION,
        {},
        bearer(endedByPara.token),
      );
      expect(gone.data?.session).toMatchObject({ active: false, keepAlive: false });
      expect(await metric(lone.url, 'para_gateway_keeper_extensions_total\\{result="expired"\\}')).toBe(1);

      await b.stop("SIGKILL"); // its claims in flight come due again when their lease runs out
      await sleep(42_000);

      const states = await expectAllKeptOnce([...replicated, ...single], LENGTH);
      // About 70 s of 20 s sessions, extended with a third left: every session at least three times.
      for (const state of states) expect(state.keptAliveAt.length).toBeGreaterThanOrEqual(3);
      expect((await emulator.admin.sessionState(endedByPara.verificationToken)).keptAliveAt).toHaveLength(1);

      // A session read through the surviving replica says when the keeper last extended it.
      const read = await graphql<{ session: { lastExtendedAt: string | null; keepAlive: boolean } }>(
        a.url,
        SESSION,
        {},
        bearer(replicated[1]?.token as string),
      );
      expect(Date.parse(read.data?.session.lastExtendedAt as string)).toBeGreaterThan(Date.now() - LENGTH * 1000);
      expect(await metric(a.url, "para_gateway_managed_sessions")).toBe(100);
    } finally {
      await Promise.all([a.stop(), b.stop(), lone.stop()]);
    }
  }, 150_000);

  it("rides out a 10 s outage of Para's keep-alive: extensions wait, no session is lost", async () => {
    const LENGTH = 45;
    const app = await emulator.admin.createPartner({ name: "Outage app", sessionLengthSeconds: LENGTH });
    const gateway = await startGatewayProcess({
      ...KEEPER,
      PARA_API_KEY: app.publicKey,
      PARA_SECRET_API_KEY: app.secretKey,
      SESSION_STORE: `sqlite:${dir.path("outage.db")}`,
    });
    try {
      const users = await Promise.all(
        Array.from({ length: 3 }, () => emulator.admin.createUser({ partnerId: app.id })),
      );
      const sessions = await Promise.all(
        Array.from({ length: 10 }, (_, i) => importManaged(gateway, users[i % 3] as EmulatorUser)),
      );
      // Due from about 25.5 s on (a third of 45 s left, less up to a tenth at random): Para fails from 24 s to 34 s.
      await sleep(24_000);
      await emulator.admin.configure({
        fault: { mode: "error500", routes: ["POST /users/:userId/session/keep-alive"], partnerId: app.id },
      });
      await sleep(10_000);
      await emulator.admin.configure({ fault: { mode: "none" } });
      await sleep(14_000);
      const states = await expectAllKeptOnce(sessions, LENGTH);
      for (const state of states) expect(state.keptAliveAt.length).toBeGreaterThanOrEqual(1);
      expect(
        await metric(gateway.url, 'para_gateway_keeper_extensions_total\\{result="upstream_error"\\}'),
      ).toBeGreaterThan(0);
      expect(await metric(gateway.url, 'para_gateway_keeper_extensions_total\\{result="ok"\\}')).toBeGreaterThanOrEqual(
        10,
      );
    } finally {
      await gateway.stop();
    }
  }, 120_000);
});
