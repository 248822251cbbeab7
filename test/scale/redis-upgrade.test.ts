import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorUser } from "../../src/emulator/admin-client.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { bearer, graphql } from "../support/graphql.js";
import { importManaged } from "../support/managed.js";
import { metric } from "../support/metrics.js";
import { IMPORT, SESSION } from "../support/operations.js";
import { skipUnless } from "../support/prerequisites.js";
import { type RedisServer, startRedis } from "../support/redis-server.js";
import { useEmulator } from "../support/stack.js";

const emulator = useEmulator();

/** Rewrites the store into the layout before buckets: `para-gateway:session:<id>` and one `para-gateway:due`. */
async function toUnbucketedLayout(client: Redis): Promise<number> {
  const keys = await client.keys("para-gateway:{*}:session:*");
  for (const key of keys) {
    const id = key.slice(key.lastIndexOf(":") + 1);
    const bucket = key.slice(0, key.indexOf("}") + 1);
    const [record, ttl, due] = await Promise.all([
      client.getBuffer(key),
      client.pttl(key),
      client.zscore(`${bucket}:due`, id),
    ]);
    await client.set(`para-gateway:session:${id}`, record as Buffer, "PX", ttl);
    if (due !== null) await client.zadd("para-gateway:due", due, id);
    await client.del(key, `${bucket}:due`, `${bucket}:stored`);
  }
  return keys.length;
}

describe.skipIf(skipUnless("redis-server"))("upgrading a single Redis from the layout before buckets", () => {
  let redis: RedisServer;
  let client: Redis;
  let gateway: GatewayProcess | undefined;

  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url);
  });
  afterAll(async () => {
    client?.disconnect();
    await gateway?.stop();
    await redis?.stop();
  });

  it("moves every record into its bucket at start-up: sessions are served and the keeper still knows them", async () => {
    const env = { SESSION_STORE: redis.url, LOG_LEVEL: "info" };
    let old: GatewayProcess | undefined = await startGatewayProcess(env);
    const user = (await emulator.admin.createUser()) as EmulatorUser;
    const managed = await importManaged(emulator.admin, old, user);
    const { session } = await emulator.admin.createSession(user.userId);
    const plain = (await graphql<{ importSession: { sessionToken: string } }>(old.url, IMPORT, { session })).data
      ?.importSession.sessionToken as string;
    await old.stop();
    old = undefined;
    expect(await toUnbucketedLayout(client)).toBe(2);

    gateway = await startGatewayProcess(env);
    for (let attempt = 0; attempt < 50 && !gateway.logs.some((l) => l.moved === 2); attempt++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(gateway.logs.find((l) => l.moved !== undefined)?.moved).toBe(2);
    expect(await client.keys("para-gateway:session:*")).toEqual([]);
    expect(await client.exists("para-gateway:due")).toBe(0);
    for (const token of [managed.token, plain]) {
      const read = await graphql<{ session: { active: boolean } }>(gateway.url, SESSION, {}, bearer(token));
      expect(read.data?.session.active).toBe(true);
    }
    expect(await metric(gateway.url, "para_gateway_managed_sessions")).toBe(1);
    expect(await metric(gateway.url, "para_gateway_sessions_stored")).toBe(2);
  });
});
