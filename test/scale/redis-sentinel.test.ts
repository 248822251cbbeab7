import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { bearer, codes, graphql } from "../support/graphql.js";
import { IMPORT, KEEP_ALIVE, SESSION } from "../support/operations.js";
import { skipUnless } from "../support/prerequisites.js";
import { type RedisSentinels, SENTINEL_NAME, startRedisSentinels } from "../support/redis-sentinel.js";
import { useEmulator } from "../support/stack.js";

const emulator = useEmulator();

describe.skipIf(skipUnless("redis-server"))("Redis behind three sentinels", () => {
  let redis: RedisSentinels;
  let gateway: GatewayProcess;

  beforeAll(async () => {
    redis = await startRedisSentinels();
    gateway = await startGatewayProcess({
      SESSION_STORE: "redis-sentinel",
      REDIS_SENTINELS: redis.sentinelList,
      REDIS_SENTINEL_NAME: SENTINEL_NAME,
      REDIS_PASSWORD: redis.password,
      SESSION_STORE_TIMEOUT_MS: "500",
    });
  }, 60_000);
  afterAll(async () => {
    await gateway?.stop();
    await redis?.stop();
  }, 30_000);

  async function imported(): Promise<string> {
    const { session } = await emulator.admin.createSession((await emulator.admin.createUser()).userId);
    const res = await graphql<{ importSession: { sessionToken: string } }>(gateway.url, IMPORT, { session });
    expect(res.errors).toBeUndefined();
    return res.data?.importSession.sessionToken as string;
  }

  it("follows the promoted replica when the master dies, without a restart", async () => {
    const before = await imported();
    expect(await redis.masterPort()).toBe(redis.master.port);
    // The replica has the session before the master goes (asynchronous replication: give it a moment).
    await sleep(500);
    await redis.master.kill();
    for (let attempt = 0; attempt < 150 && (await redis.masterPort()) !== redis.replica.port; attempt++)
      await sleep(100);
    expect(await redis.masterPort()).toBe(redis.replica.port);

    // Coded errors at most until the gateway reaches the new master, then every operation succeeds.
    const seen: string[] = [];
    for (let attempt = 0; attempt < 100; attempt++) {
      const code = codes(await graphql(gateway.url, SESSION, {}, bearer(before)))[0] ?? "OK";
      seen.push(code);
      if (code === "OK") break;
      await sleep(100);
    }
    expect(seen.at(-1)).toBe("OK");
    for (const code of seen.slice(0, -1)) expect(code).toBe("UPSTREAM_UNAVAILABLE");
    expect(codes(await graphql(gateway.url, KEEP_ALIVE, {}, bearer(before)))).toEqual([]);
    const after = await imported();
    const read = await graphql<{ session: { active: boolean } }>(gateway.url, SESSION, {}, bearer(after));
    expect(read.data?.session.active).toBe(true);
    expect((await fetch(new URL("/ready", gateway.url))).status).toBe(200);
  }, 60_000);
});
