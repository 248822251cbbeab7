import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ParaFactory } from "../../src/para/para-factory.js";
import { ParaSession } from "../../src/para/para-session.js";
import { Upstream } from "../../src/para/upstream.js";
import { loadConfig } from "../../src/runtime/config.js";
import { pooled } from "../support/pooled.js";
import { useEmulator } from "../support/stack.js";

// Every request gets its own SDK instance: nothing that holds a session (its cookie, its user, its
// wallets) may be shared between two requests' instances. Checked on the instances themselves, in this
// process, on a few hundred requests of distinct users (50 at a time), with lean instances and with full ones.

const stack = useEmulator();
const USERS = 300;

/** What identifies one user's session wherever it is held. */
interface Secrets {
  userId: string;
  cookie: string;
  walletIds: string[];
}

/**
 * Walks everything reachable through properties (own keys, array items, Map and Set entries) from each
 * root, and finds the objects that hold a session: a property whose string contains a user's id, cookie
 * or wallet id. Answers each breach (an object reachable from two roots, or one holding another root's
 * session) and, per root, whether the walk found its own cookie: a walk that cannot see the cookie could
 * not see it shared either. (Closure variables and #private fields are out of a walk's reach; both kinds
 * of instance keep the session's cookie in properties, which is what makes it checkable here.)
 */
function sessionHolders(
  roots: object[],
  secrets: Secrets[],
  maxObjects = 200_000,
): { breaches: string[]; ownCookieSeen: boolean[] } {
  const needles: { text: string; owner: number }[] = secrets.flatMap((s, owner) =>
    [s.userId, s.cookie, ...s.walletIds].map((text) => ({ text, owner })),
  );
  const holders = new Map<object, number>(); // holder → the root it was first reached from
  const breaches: string[] = [];
  const ownCookieSeen = roots.map(() => false);
  roots.forEach((root, index) => {
    const seen = new Set<object>();
    const queue: object[] = [root];
    while (queue.length > 0 && seen.size < maxObjects) {
      const node = queue.pop() as object;
      if (seen.has(node)) continue;
      seen.add(node);
      const values: unknown[] = [];
      if (node instanceof Map) for (const [k, v] of node) values.push(k, v);
      else if (node instanceof Set) for (const v of node) values.push(v);
      for (const key of Reflect.ownKeys(node)) {
        const descriptor = Object.getOwnPropertyDescriptor(node, key);
        if (descriptor && "value" in descriptor) values.push(descriptor.value);
      }
      for (const value of values) {
        if (typeof value === "string") {
          for (const { text, owner } of needles) {
            if (!value.includes(text)) continue;
            if (owner === index && text === secrets[index]?.cookie) ownCookieSeen[index] = true;
            if (owner !== index) breaches.push(`root ${index} reaches user ${owner}'s session`);
            const first = holders.get(node);
            if (first === undefined) holders.set(node, index);
            else if (first !== index) breaches.push(`roots ${first} and ${index} share a session-holding object`);
          }
        } else if ((typeof value === "object" || typeof value === "function") && value !== null) {
          queue.push(value);
        }
      }
    }
    expect(seen.size, `the walk from root ${index} stayed within its bound`).toBeLessThan(maxObjects);
  });
  return { breaches: [...new Set(breaches)], ownCookieSeen };
}

/** The user id in a JWT Para issued, read without verifying (the import path verifies; here only whose it is). */
const jwtUserId = (token: string) =>
  (JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as { data: { userId: string } })
    .data.userId;

function secretsOf(userId: string, blob: string): Secrets {
  const json = JSON.parse(Buffer.from(blob, "base64").toString("utf8")) as {
    sessionCookie: string;
    wallets: Record<string, unknown>;
  };
  // The cookie's value without its attributes: a renewed cookie (new Expires) names the same session.
  return { userId, cookie: json.sessionCookie.split(";")[0] ?? "", walletIds: Object.keys(json.wallets) };
}

describe("the breach check itself", () => {
  it("finds an object two roots share, and a root that reaches another user's session", () => {
    const secrets = [
      { userId: "user-a", cookie: "cookie-a", walletIds: ["wallet-a"] },
      { userId: "user-b", cookie: "cookie-b", walletIds: ["wallet-b"] },
    ];
    const sharedJar = { cookie: "cookie-a" };
    const a = { instance: { jar: sharedJar, user: { id: "user-a" } } };
    const b = { instance: { jar: sharedJar, user: { id: "user-b" } } };
    expect(sessionHolders([a, b], secrets).breaches).toEqual([
      "root 1 reaches user 0's session",
      "roots 0 and 1 share a session-holding object",
    ]);
    const apart = [{ jar: { cookie: "cookie-a" } }, { jar: { cookie: "cookie-b" } }];
    expect(sessionHolders(apart, secrets)).toEqual({ breaches: [], ownCookieSeen: [true, true] });
  });
});

for (const lean of [true, false]) {
  describe(`${USERS} requests of distinct users, 50 at a time, ${lean ? "lean" : "full"} instances`, () => {
    const quiet: ReturnType<typeof vi.spyOn>[] = [];
    beforeAll(() => {
      // The SDK narrates its state changes in DEV; the gateway routes that to its logger.
      quiet.push(vi.spyOn(console, "log").mockImplementation(() => {}));
      quiet.push(vi.spyOn(console, "warn").mockImplementation(() => {}));
    });
    afterAll(() => {
      for (const spy of quiet.splice(0)) spy.mockRestore();
    });
    beforeEach(async () => {
      // Latency keeps every request's instance alive while the others run.
      await stack.admin.configure({ sessionLengthSeconds: 1800, latencyMs: 20, fault: { mode: "none", rate: 1 } });
    });

    it("no two instances share a session-holding object, and every answer is its own user's", async () => {
      const config = loadConfig({
        NODE_ENV: "development",
        PARA_ENV: "DEV",
        PARA_API_KEY: stack.emulator.publicKey,
        PARA_LEAN_INSTANCE: lean ? "on" : "off",
      });
      const factory = new ParaFactory(config, (reason) => {
        throw new Error(`unexpected fallback: ${reason}`);
      });
      const upstream = new Upstream(config);
      // Users are prepared a few at a time; the requests under test then all run at once.
      const users = await pooled(
        Array.from({ length: USERS }, (_, i) => i),
        16,
        async () => {
          const { userId } = await stack.admin.createUser();
          const { session } = await stack.admin.createSession(userId, { excludeSigners: true });
          return { userId, blob: session, secrets: secretsOf(userId, session) };
        },
      );

      // 50 requests in flight at a time, every instance kept to the end so that all 300 are checked side by
      // side. (Not all 300 at once: the emulator shares this process's event loop, and 300 full instances
      // starting together block it past its keep-alive timeout, which only tests its sockets.)
      const answers = await pooled(users, 50, async (user) => {
        const session = await ParaSession.open(factory, upstream, user.blob);
        const [active, jwt] = await Promise.all([session.isActiveFor(user.userId), session.issueJwt(0)]);
        const kept = await session.keepAlive(user.userId);
        return { session, active, kept, jwtUser: jwtUserId(jwt.token), cookie: session.sessionCookie() };
      });

      expect(
        answers.map((a, i) => ({ active: a.active, kept: a.kept, jwtIsOwn: a.jwtUser === users[i]?.userId })),
      ).toEqual(users.map(() => ({ active: true, kept: true, jwtIsOwn: true })));
      // The cookie each instance holds is its own session's (renewed by the keep-alive, so compared by session id).
      for (const [i, a] of answers.entries()) {
        expect(a.cookie?.split(";")[0], `instance ${i}'s cookie`).toBe(users[i]?.secrets.cookie);
      }
      const { breaches, ownCookieSeen } = sessionHolders(
        answers.map((a) => a.session),
        users.map((u) => u.secrets),
      );
      expect(
        ownCookieSeen.filter((seen) => !seen),
        "instances whose cookie the walk did not find",
      ).toEqual([]);
      expect(breaches).toEqual([]);
    });
  });
}
