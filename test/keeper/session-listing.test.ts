import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorUser } from "../../src/emulator/admin-client.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { bearer, codes, graphql } from "../support/graphql.js";
import { IMPORT, SESSION } from "../support/operations.js";
import { type RedisServer, startRedis } from "../support/redis-server.js";
import { useEmulator } from "../support/stack.js";

const emulator = useEmulator();
let redis: RedisServer;
let a: GatewayProcess;
let b: GatewayProcess;

beforeAll(async () => {
  redis = await startRedis();
  [a, b] = await Promise.all([
    startGatewayProcess({ SESSION_STORE: redis.url }),
    startGatewayProcess({ SESSION_STORE: redis.url }),
  ]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
});

const MY_SESSIONS = "query { mySessions { id importedAt expiresAt keepAlive current } }";
const END = "mutation End($id: ID) { endSession(id: $id) { ended sessionId } }";
const END_ALL = "mutation { endAllSessions }";
const SET_KEEP_ALIVE = "mutation Keep($on: Boolean!) { setKeepAlive(enabled: $on) { id keepAlive } }";

interface Summary {
  id: string;
  keepAlive: boolean;
  current: boolean;
}

async function imported(gateway: GatewayProcess, user: EmulatorUser): Promise<string> {
  const { session } = await emulator.admin.createSession(user.userId);
  const res = await graphql<{ importSession: { sessionToken: string } }>(gateway.url, IMPORT, { session });
  return res.data?.importSession.sessionToken as string;
}

const mySessions = async (gateway: GatewayProcess, token: string) =>
  (await graphql<{ mySessions: Summary[] }>(gateway.url, MY_SESSIONS, {}, bearer(token))).data?.mySessions ?? [];

describe("a user's sessions across replicas", () => {
  it("lists, ends one by id (never another user's), turns keep-alive on, and ends all at once", async () => {
    const [user, other] = await Promise.all([emulator.admin.createUser(), emulator.admin.createUser()]);
    const tokens = [await imported(a, user), await imported(a, user), await imported(b, user)];
    const stranger = await imported(b, other);

    const listed = await mySessions(b, tokens[0] as string);
    expect(listed).toHaveLength(3);
    expect(listed.filter((s) => s.current)).toHaveLength(1);
    expect(new Set(listed.map((s) => s.id)).size).toBe(3);
    for (const s of listed) {
      expect(tokens).not.toContain(s.id);
      // An id is no handle.
      expect(codes(await graphql(a.url, SESSION, {}, bearer(s.id)))).toEqual(["UNAUTHENTICATED"]);
    }

    // Another user's id: refused, and nothing ended.
    const strangerId = (await mySessions(a, stranger))[0]?.id as string;
    expect(codes(await graphql(a.url, END, { id: strangerId }, bearer(tokens[0] as string)))).toEqual(["FORBIDDEN"]);
    expect(codes(await graphql(b.url, SESSION, {}, bearer(stranger)))).toEqual([]);

    // One of the user's own, by id, from the other replica.
    const [, second] = await Promise.all(tokens.map((t) => mySessions(a, t).then((l) => l.find((s) => s.current))));
    // The payload names the ended session, for a client cache to evict it.
    expect((await graphql(b.url, END, { id: second?.id }, bearer(tokens[0] as string))).data).toEqual({
      endSession: { ended: true, sessionId: second?.id },
    });
    expect(codes(await graphql(a.url, SESSION, {}, bearer(tokens[1] as string)))).toEqual(["UNAUTHENTICATED"]);
    expect(await mySessions(a, tokens[0] as string)).toHaveLength(2);

    const kept = await graphql<{ setKeepAlive: { keepAlive: boolean } }>(
      a.url,
      SET_KEEP_ALIVE,
      { on: true },
      bearer(tokens[2] as string),
    );
    expect(kept.data?.setKeepAlive.keepAlive).toBe(true);
    expect((await mySessions(b, tokens[0] as string)).filter((s) => s.keepAlive)).toHaveLength(1);

    // All at once, from replica b: both remaining sessions end on replica a too; the stranger's stays.
    expect((await graphql(b.url, END_ALL, {}, bearer(tokens[2] as string))).data).toEqual({ endAllSessions: 2 });
    for (const t of [tokens[0], tokens[2]]) {
      expect(codes(await graphql(a.url, SESSION, {}, bearer(t as string)))).toEqual(["UNAUTHENTICATED"]);
    }
    expect(codes(await graphql(a.url, SESSION, {}, bearer(stranger)))).toEqual([]);
  });
});
