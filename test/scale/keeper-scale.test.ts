import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import pLimit from "p-limit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readUsage } from "../../src/bench/proc-usage.js";
import type { EmulatorUser } from "../../src/emulator/admin-client.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { graphql } from "../support/graphql.js";
import { expectAllKeptOnce, importManaged, type Managed } from "../support/managed.js";
import { metric } from "../support/metrics.js";
import { IMPORT } from "../support/operations.js";
import { skipUnless } from "../support/prerequisites.js";
import { type RedisServer, startRedis } from "../support/redis-server.js";
import { useEmulator } from "../support/stack.js";

/**
 * The keeper at scale, on two replicas sharing one Redis. In `npm test`: 1,000 managed 60 s sessions for
 * two cycles. `npm run bench -- --keeper-scale` (KEEPER_SCALE=full): 5,000 managed 120 s sessions for
 * three cycles. Both print the figures docs/replicas-and-redis.md quotes.
 */
const FULL = process.env.KEEPER_SCALE === "full";
const SESSIONS = FULL ? 5_000 : 1_000;
const LENGTH = FULL ? 120 : 60;
const CYCLES = FULL ? 3 : 2;
/** Sessions that nothing keeps alive, to tell a stored session's bytes from a managed one's. */
const PLAIN = FULL ? 1_000 : 300;
const PER_USER = 20;
/** The bound stated in the docs: the most overdue session is never later than a sixth of its length. */
const OVERDUE_BOUND_S = LENGTH / 6;

const emulator = useEmulator();

describe.skipIf(skipUnless("redis-server"))(`the keeper with ${SESSIONS} managed ${LENGTH} s sessions`, () => {
  let redis: RedisServer;
  let client: Redis;
  let a: GatewayProcess;
  let b: GatewayProcess;

  beforeAll(async () => {
    const app = await emulator.admin.createPartner({ name: "Scale app", sessionLengthSeconds: LENGTH });
    redis = await startRedis({ args: ["--appendfsync", "everysec"] });
    client = new Redis(redis.url);
    const env = {
      SESSION_STORE: redis.url,
      PARA_API_KEY: app.publicKey,
      PARA_SECRET_API_KEY: app.secretKey,
      LOG_LEVEL: "info",
      // Two cores shared with the emulator and other work: a store reply may wait on a busy event loop.
      SESSION_STORE_TIMEOUT_MS: "5000",
      MAX_MANAGED_SESSIONS_PER_USER: String(PER_USER),
      MAX_SESSIONS_PER_USER: String(PER_USER * 2),
    };
    [a, b] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
    users = await Promise.all(
      Array.from({ length: Math.ceil(SESSIONS / PER_USER) }, () => emulator.admin.createUser({ partnerId: app.id })),
    );
  }, 60_000);
  afterAll(async () => {
    client?.disconnect();
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  }, 30_000);

  let users: EmulatorUser[];
  const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await client.info("memory"))?.[1]);

  it("keeps every session live for several cycles, none extended twice in one, none overdue past a sixth of its length", async () => {
    const limit = pLimit(8);
    const base = await usedMemory();
    await Promise.all(
      Array.from({ length: PLAIN }, (_, i) =>
        limit(async () => {
          const user = users[i % users.length] as EmulatorUser;
          const { session } = await emulator.admin.createSession(user.userId, { excludeSigners: true });
          expect((await graphql(i % 2 ? a.url : b.url, IMPORT, { session })).errors).toBeUndefined();
        }),
      ),
    );
    const plainBytes = (await usedMemory()) - base;
    expect(await metric(b.url, "para_gateway_sessions_stored")).toBe(PLAIN);
    // The most overdue session, sampled each second from the first managed import to the end.
    const overdueSamples: number[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        overdueSamples.push(await metric(a.url, "para_gateway_keeper_overdue_seconds"));
        await sleep(1_000);
      }
    })();
    const importStarted = Date.now();
    const sessions: Managed[] = await Promise.all(
      Array.from({ length: SESSIONS }, (_, i) =>
        limit(() => importManaged(emulator.admin, i % 2 ? a : b, users[Math.floor(i / PER_USER)] as EmulatorUser)),
      ),
    );
    const managedBytes = (await usedMemory()) - base - plainBytes;
    const importSeconds = (Date.now() - importStarted) / 1000;
    const storedAfterImport = await metric(b.url, "para_gateway_sessions_stored");
    // Where those bytes are, key by key (MEMORY USAGE): records, the buckets' sets, the owner indexes.
    const usage = async (pattern: string) => {
      let bytes = 0;
      for (const key of await client.keys(pattern)) bytes += Number(await client.memory("USAGE", key));
      return bytes;
    };
    const perSession = async (pattern: string) => Math.round((await usage(pattern)) / (SESSIONS + PLAIN));
    const keyBytes = {
      record: await perSession("para-gateway:{*}:session:*"),
      dueEntry: Math.round((await usage("para-gateway:{*}:due")) / SESSIONS),
      storedEntry: await perSession("para-gateway:{*}:stored"),
      ownerEntry: await perSession("para-gateway:owner:*"),
    };

    const results = async () => {
      const byResult: Record<string, number> = {};
      for (const result of ["ok", "expired", "upstream_error", "error"])
        for (const g of [a, b])
          byResult[result] =
            (byResult[result] ?? 0) +
            (await metric(g.url, `para_gateway_keeper_extensions_total\\{result="${result}"\\}`));
      return byResult;
    };
    const cpu = () => readUsage(a.child.pid as number).cpuMs + readUsage(b.child.pid as number).cpuMs;
    const [okBefore, cpuBefore, started] = [(await results()).ok ?? 0, cpu(), Date.now()];
    await sleep(CYCLES * LENGTH * 1000);
    sampling = false;
    await sampler;
    const byResult = await results();
    const extended = (byResult.ok ?? 0) - okBefore;
    const cpuMs = cpu() - cpuBefore;
    const seconds = (Date.now() - started) / 1000;
    const figures = {
      sessions: SESSIONS,
      lengthSeconds: LENGTH,
      importSeconds: Math.round(importSeconds),
      redisBytesPerStoredSession: Math.round(plainBytes / PLAIN),
      redisBytesPerManagedSession: Math.round(managedBytes / SESSIONS),
      keyBytes,
      extensionsAfterImport: extended,
      extensionsPerSecond: Number((extended / seconds).toFixed(1)),
      gatewayCpuMsPerExtension: Number((cpuMs / extended).toFixed(2)),
      gatewayCoresBusy: Number((cpuMs / 1000 / seconds).toFixed(2)),
      worstOverdueSeconds: Math.max(...overdueSamples),
      meanOverdueSeconds: Number((overdueSamples.reduce((sum, o) => sum + o, 0) / overdueSamples.length).toFixed(2)),
      byResult,
    };
    console.info(`keeper scale: ${JSON.stringify(figures)}`);

    // The plain sessions imported first may have expired by now (nothing keeps them alive).
    expect(storedAfterImport).toBeGreaterThanOrEqual(SESSIONS);
    expect(storedAfterImport).toBeLessThanOrEqual(SESSIONS + PLAIN);
    expect(await metric(a.url, "para_gateway_managed_sessions")).toBe(SESSIONS);
    const states = await expectAllKeptOnce(emulator.admin, sessions, LENGTH);
    for (const state of states) expect(state.keptAliveAt.length).toBeGreaterThanOrEqual(CYCLES - 1);
    expect(figures.worstOverdueSeconds).toBeLessThan(OVERDUE_BOUND_S);
  }, 3_600_000);
});
