import { Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { Environment, Para } from "@getpara/server-sdk";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DirectCalls } from "../../src/para/direct-calls.js";
import { leanCallsDiffer } from "../../src/para/lean-calls-check.js";
import { LeanInstance } from "../../src/para/lean-instance.js";
import { ParaFactory } from "../../src/para/para-factory.js";
import { FullInstance } from "../../src/para/session-instance.js";
import { loadConfig } from "../../src/runtime/config.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { bearer, codes, graphql } from "../support/graphql.js";
import { IMPORT, ISSUE_JWT, KEEP_ALIVE, SESSION } from "../support/operations.js";
import { pooled } from "../support/pooled.js";
import { useEmulator } from "../support/stack.js";

// Lean Para instances: every request gets a fresh SDK instance, started without calling Para from a
// partner record that one normal start-up fetched (src/para/para-factory.ts). Counted at the emulator.

const stack = useEmulator();
const gateways: GatewayProcess[] = [];

/** A gateway process of the test's own, stopped after the test. */
async function gateway(env: Record<string, string> = {}): Promise<GatewayProcess> {
  const started = await startGatewayProcess(env);
  gateways.push(started);
  return started;
}

beforeEach(async () => {
  await stack.admin.configure({ sessionLengthSeconds: 1800, latencyMs: 0, fault: { mode: "none", rate: 1 } });
  await stack.admin.resetStats();
});
afterEach(async () => {
  await Promise.all(gateways.splice(0).map((g) => g.stop()));
});

/** SDK 2.18.0's start-up, call by call (see the shared SDK notes, "Start-up, call by call"). */
const SDK_STARTUP = { "POST /touch": 3, "GET /partners/:id": 1, "GET /logout": 1 };

/** One emulator user with one session of its own. */
async function newSession() {
  const user = await stack.admin.createUser();
  const { session, verificationToken } = await stack.admin.createSession(user.userId);
  return { userId: user.userId, session, verificationToken };
}

type Imported = {
  importSession: { sessionToken: string; session: { userId: string; active: boolean; expiresAt: string } };
};

const importSession = (url: string, session: string) => graphql<Imported>(url, IMPORT, { session });

/** Imports and insists on success for the right user; answers the session token and the expiry. */
async function importOk(url: string, s: { userId: string; session: string }) {
  const res = await importSession(url, s.session);
  expect(res.errors, `import of ${s.userId}`).toBeUndefined();
  expect(res.data?.importSession.session.userId).toBe(s.userId);
  return {
    token: res.data?.importSession.sessionToken as string,
    expiresAt: res.data?.importSession.session.expiresAt,
  };
}

/** Route by route, how `actual` differs from `expected`: for failure messages that name the change. */
function differences(actual: Record<string, number>, expected: Record<string, number>): string {
  const routes = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return routes
    .filter((r) => actual[r] !== expected[r])
    .map((r) => `${r}: expected ${expected[r] ?? 0}, got ${actual[r] ?? 0}`)
    .join("; ");
}

async function expectCalls(expected: Record<string, number>, what: string) {
  const actual = await stack.admin.stats();
  expect(actual, `${what}: ${differences(actual, expected)}`).toEqual(expected);
}

describe("calls to Para per operation, through a gateway process", () => {
  it("a warm gateway imports 200 distinct sessions with one call each, and each session operation costs one call", async () => {
    const gw = await gateway();
    const sessions = await Promise.all(Array.from({ length: 201 }, () => newSession()));
    const [first, ...rest] = sessions;
    if (!first) throw new Error("no session");

    // Warm-up: the first import pays for one normal start-up, which fetches the partner record.
    await importOk(gw.url, first);
    const warmUp = await stack.admin.stats();
    expect(warmUp, "the cold import runs one normal start-up, then its own identity check").toMatchObject({
      ...SDK_STARTUP,
      "POST /auth/jwt": 1,
    });

    await stack.admin.resetStats();
    const imported = await pooled(rest, 8, (s) => importOk(gw.url, s));
    expect(rest).toHaveLength(200);
    // The import's only call is its identity check: no start-up, no partner, no logout, no anonymous touch.
    await expectCalls({ "POST /auth/jwt": 200 }, "200 warm imports");

    const tokens = imported.slice(0, 5).map((i) => i.token);
    for (const token of tokens) {
      await stack.admin.resetStats();
      const res = await graphql<{ session: { active: boolean } }>(gw.url, SESSION, {}, bearer(token));
      expect(res.errors).toBeUndefined();
      // true only if the touch carried the session's cookie; an anonymous touch answers false.
      expect(res.data?.session.active).toBe(true);
      await expectCalls({ "POST /touch": 1 }, "session { active }");

      await stack.admin.resetStats();
      const jwt = await graphql<{ issueJwt: { token: string } }>(gw.url, ISSUE_JWT, {}, bearer(token));
      expect(jwt.errors).toBeUndefined();
      expect(jwt.data?.issueJwt.token).toMatch(/^ey/);
      await expectCalls({ "POST /auth/jwt": 1 }, "issueJwt");

      await stack.admin.resetStats();
      const kept = await graphql<{ keepSessionAlive: { alive: boolean } }>(gw.url, KEEP_ALIVE, {}, bearer(token));
      expect(kept.errors).toBeUndefined();
      expect(kept.data?.keepSessionAlive.alive).toBe(true);
      await expectCalls({ "POST /users/:userId/session/keep-alive": 1 }, "keepSessionAlive");
    }
  });
});

describe("the SDK's own start-up (contract)", () => {
  it("SDK 2.18.0 starts a fresh instance with exactly 3 × POST /touch, 1 × GET /partners/:id, 1 × GET /logout", async () => {
    const quiet = [vi.spyOn(console, "log").mockImplementation(() => {}), vi.spyOn(console, "warn")];
    quiet[1]?.mockImplementation(() => {});
    try {
      const para = new Para(Environment.DEV, stack.emulator.publicKey, { disableWebSockets: true });
      const phases: string[] = [];
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no unauthenticated phase within 5 s; phases: ${phases.join(" → ")}`)),
          5000,
        );
        const unsubscribe = para.onStatePhaseChange(({ authPhase }) => {
          if (phases.at(-1) !== authPhase) phases.push(authPhase);
          if (authPhase !== "unauthenticated") return;
          clearTimeout(timer);
          unsubscribe();
          resolve();
        });
      });
      await sleep(300); // anything the start-up sends after it settles counts too
      const message =
        "The SDK's start-up sequence changed (para-factory.ts answers exactly these calls locally; re-read " +
        "the start-up and update the factory and the shared notes)";
      await expectCalls(SDK_STARTUP, message);
      expect(phases, "the auth phases the factory's settle() expects").toEqual([
        "uninitialized",
        "checking_state",
        "clearing_state",
        "unauthenticated",
      ]);
    } finally {
      for (const spy of quiet) spy.mockRestore();
    }
  });

  it("with PARA_LOCAL_STARTUP=off a gateway still imports correctly, at 5 start-up calls + 1 per import", async () => {
    const gw = await gateway({ PARA_LOCAL_STARTUP: "off" });
    const sessions = await Promise.all(Array.from({ length: 4 }, () => newSession()));
    await importOk(gw.url, sessions[0] as (typeof sessions)[0]); // fetches the JWKS once
    for (const s of sessions.slice(1)) {
      await stack.admin.resetStats();
      await importOk(gw.url, s);
      await expectCalls({ ...SDK_STARTUP, "POST /auth/jwt": 1 }, "an import with the SDK's own start-up");
    }
  });
});

describe("the lean instance (contract)", () => {
  // What src/para/lean-instance.ts leans on: the SDK's client, built by its public initClient with the
  // instance's own cookie hooks, calls Para for nothing by itself, and its HTTP client (baseRequest)
  // carries the session's cookie out and a renewed one back. A change here makes the factory fall back
  // to full instances (see "SDK changed" in its warning); this test names the change.
  it("SDK 2.18.0: a client from initClient calls Para for nothing, then carries one session's cookie both ways", async () => {
    const lean = new LeanInstance("DEV", stack.emulator.publicKey); // throws "SDK changed: …" when its parts moved
    await sleep(300);
    await expectCalls({}, "a lean instance must not call Para by itself");

    // A short session first, a long one for the keep-alive: the renewed cookie's Expires then differs.
    await stack.admin.configure({ sessionLengthSeconds: 60 });
    const s = await newSession();
    await stack.admin.configure({ sessionLengthSeconds: 3600 });
    const imported = JSON.parse(Buffer.from(s.session, "base64").toString("utf8")).sessionCookie as string;
    await lean.importSession(s.session);
    expect(lean.sessionCookie()).toBe(imported);

    const touch = (await lean.client.touchSession()) as { isAuthenticated?: boolean; userId?: string };
    expect(touch, "the touch carried the session's cookie (an anonymous one is not authenticated)").toMatchObject({
      isAuthenticated: true,
      userId: s.userId,
    });
    await lean.client.keepSessionAlive(s.userId);
    const renewed = lean.sessionCookie();
    expect(renewed, "the renewed cookie Para answered with replaced the imported one").not.toBe(imported);
    expect(renewed?.split(";")[0], "the same session").toBe(imported.split(";")[0]);
    const { token } = await lean.client.issueJwt({ keyIndex: 0 });
    const claims = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
    expect(claims.data.userId, "the JWT is the session's user's").toBe(s.userId);
    await expectCalls(
      { "POST /touch": 1, "POST /users/:userId/session/keep-alive": 1, "POST /auth/jwt": 1 },
      "one call per operation, nothing else",
    );
    await expect(lean.importSession(s.session), "one instance, one session").rejects.toThrow();
  });
});

describe("sockets to Para", () => {
  // Axios sets a 60 s TCP keep-alive delay on the socket of every request; Node's global agent set its own
  // 1 s back each time the socket returned to the pool, so every call changed it twice (eight setsockopt
  // calls). Lean instances use agents whose delay is axios's (src/para/lean-instance.ts).
  it("40 calls from fresh instances reuse pooled sockets and set each socket's keep-alive once", async () => {
    const s = await newSession();
    const original = Socket.prototype.setKeepAlive;
    // Each call's remote port as it was then: a socket closed since has none.
    const ports: { socket: Socket; port: number | undefined }[] = [];
    const setKeepAlive = vi.spyOn(Socket.prototype, "setKeepAlive").mockImplementation(function (
      this: Socket,
      ...args: Parameters<Socket["setKeepAlive"]>
    ) {
      ports.push({ socket: this, port: this.remotePort });
      return original.apply(this, args);
    });
    try {
      for (let i = 0; i < 40; i++) {
        const lean = new LeanInstance("DEV", stack.emulator.publicKey);
        await lean.importSession(s.session);
        await lean.client.touchSession();
      }
      const settings = new Map<Socket, string[]>();
      setKeepAlive.mock.calls.forEach(([enable, delay], i) => {
        const { socket, port } = ports[i] as { socket: Socket; port: number | undefined };
        if (port !== stack.emulator.port) return;
        const seen = settings.get(socket) ?? [];
        const setting = `${enable} ${delay}`;
        if (seen.at(-1) !== setting) seen.push(setting);
        settings.set(socket, seen);
      });
      expect(settings.size, "sockets to the emulator were seen").toBeGreaterThan(0);
      expect(settings.size, "the calls shared pooled sockets").toBeLessThan(5);
      for (const changes of settings.values()) expect(changes, "one keep-alive setting per socket").toHaveLength(1);
    } finally {
      setKeepAlive.mockRestore();
    }
  });
});

describe("falling back to a normal start-up", () => {
  // The partner record is fetched by a normal start-up on the first import of a cold gateway; whatever
  // goes wrong with that fetch is Para's failure (UPSTREAM_*), never the gateway's own.
  for (const mode of ["malformed", "hang", "error500", "reset"] as const) {
    it(`a cold gateway whose partner answer is ${mode}: a correct import or an UPSTREAM_* code, then imports succeed`, async () => {
      const gw = await gateway({ PARA_TIMEOUT_MS: "1000", PARA_BREAKER_COOLDOWN_MS: "200" });
      await stack.admin.configure({ fault: { mode, routes: ["GET /partners/:id"], rate: 1 } });
      const during = await Promise.all(Array.from({ length: 3 }, () => newSession()));
      const results = await Promise.all(during.map((s) => importSession(gw.url, s.session)));
      for (const [i, res] of results.entries()) {
        if (!res.errors) {
          expect(res.data?.importSession.session.userId).toBe(during[i]?.userId);
          continue;
        }
        const [code, ...more] = codes(res);
        expect(more, `import ${i}: one error`).toEqual([]);
        expect(["UPSTREAM_UNAVAILABLE", "UPSTREAM_ERROR"], `import ${i}: ${code}: ${res.errors[0]?.message}`).toContain(
          code,
        );
      }
      expect((await stack.admin.stats())["GET /partners/:id"], "the partner was asked for").toBeGreaterThan(0);

      await stack.admin.configure({ fault: { mode: "none" } });
      // Para's failures opened the start-up breaker. A call still hanging (a partner refresh nobody waits for)
      // gives up within PARA_TIMEOUT_MS and counts as one more failure; then the breaker half-opens after its cooldown.
      await sleep(1_300);
      await stack.admin.resetStats();
      for (const s of await Promise.all(Array.from({ length: 3 }, () => newSession()))) await importOk(gw.url, s);
      // At most one normal start-up fetches the partner record (a retry that outlived the fault may
      // already have); the imports start locally.
      const stats = await stack.admin.stats();
      const { "POST /auth/jwt": jwt, "GET /.well-known/jwks.json": _jwks, ...startUp } = stats;
      expect(jwt).toBe(3);
      expect([{}, SDK_STARTUP]).toContainEqual(startUp);
    });
  }

  // The local start-up settles within microtasks (no timer, no I/O), so a timer deadline cannot fire
  // before it: no fallback could be forced here. What this pins: a tiny deadline under load breaks no
  // import, and a fallback, should one happen, costs exactly one normal start-up and nothing else.
  it("a 10 ms start-up deadline under concurrent load: every import succeeds, and any fallback is paid in full", async () => {
    const gw = await gateway({ PARA_STARTUP_DEADLINE_MS: "10" });
    await importOk(gw.url, await newSession()); // warm: the partner record is kept
    const sessions = await Promise.all(Array.from({ length: 96 }, () => newSession()));
    await stack.admin.resetStats();
    await pooled(sessions, 32, (s) => importOk(gw.url, s));
    const stats = await stack.admin.stats();
    const fallbacks = stats["GET /logout"] ?? 0;
    const expected: Record<string, number> =
      fallbacks === 0
        ? { "POST /auth/jwt": 96 }
        : {
            "POST /touch": 3 * fallbacks,
            "GET /partners/:id": fallbacks,
            "GET /logout": fallbacks,
            "POST /auth/jwt": 96,
          };
    expect(stats, `96 imports, ${fallbacks} fallbacks: ${differences(stats, expected)}`).toEqual(expected);
  });
});

describe("errors the lean start-up must still report", () => {
  it("a wrong public key is NOT_CONFIGURED on the first import", async () => {
    const gw = await gateway({ PARA_API_KEY: "dev_public_wrong" });
    const res = await importSession(gw.url, (await newSession()).session);
    expect(codes(res)).toEqual(["NOT_CONFIGURED"]);
    expect(res.errors?.[0]?.message).toMatch(/PARA_API_KEY/);
    const again = await importSession(gw.url, (await newSession()).session);
    expect(codes(again)).toEqual(["NOT_CONFIGURED"]);
  });

  it("an expired session answers SESSION_EXPIRED, on a cold and on a warm gateway", async () => {
    const gw = await gateway();
    for (const state of ["cold", "warm"]) {
      const s = await newSession();
      await stack.admin.expireSession(s.verificationToken);
      const res = await importSession(gw.url, s.session);
      expect(codes(res), `${state} gateway`).toEqual(["SESSION_EXPIRED"]);
      if (state === "cold") await importOk(gw.url, await newSession());
    }
  });
});

describe("many distinct sessions in one cycle", () => {
  it("imports 50 sessions, keeps each alive and issues each a JWT, each on a fresh instance: every expiry moves", async () => {
    const gw = await gateway();
    await importOk(gw.url, await newSession()); // warm
    await stack.admin.configure({ sessionLengthSeconds: 60 });
    const sessions = await Promise.all(Array.from({ length: 50 }, () => newSession()));
    await stack.admin.resetStats();
    const imported = await pooled(sessions, 8, (s) => importOk(gw.url, s));
    await stack.admin.configure({ sessionLengthSeconds: 3600 });

    const results = [];
    for (const [i, { token, expiresAt }] of imported.entries()) {
      const kept = await graphql<{ keepSessionAlive: { alive: boolean; session: { expiresAt: string } } }>(
        gw.url,
        KEEP_ALIVE,
        {},
        bearer(token),
      );
      const jwt = await graphql<{ issueJwt: { expiresAt: string; claims: { userId: string } } }>(
        gw.url,
        ISSUE_JWT,
        {},
        bearer(token),
      );
      const imports = Date.parse(expiresAt as string);
      results.push({
        errors: [...codes(kept), ...codes(jwt)],
        alive: kept.data?.keepSessionAlive.alive,
        keptMoved: Date.parse(kept.data?.keepSessionAlive.session.expiresAt ?? "") > imports + 1_800_000,
        jwtMoved: Date.parse(jwt.data?.issueJwt.expiresAt ?? "") > imports + 1_800_000,
        userId: jwt.data?.issueJwt.claims.userId === sessions[i]?.userId,
      });
    }
    expect(results).toEqual(
      Array.from({ length: 50 }, () => ({ errors: [], alive: true, keptMoved: true, jwtMoved: true, userId: true })),
    );
    await expectCalls(
      { "POST /auth/jwt": 100, "POST /users/:userId/session/keep-alive": 50 },
      "50 imports, 50 keep-alives, 50 JWTs",
    );
  });
});

describe("the lean calls (contract)", () => {
  // Lean instances send session management's three calls through the HTTP client of a client they built
  // with initClient (src/para/lean-instance.ts, src/para/direct-calls.ts); the factory checks once per
  // process that each sends what a Para instance's client sends through its own method, headers included,
  // and builds full instances when one does not. This names the difference.
  it("SDK 2.18.0: each lean call sends the method, path, body and headers a Para instance's client sends", async () => {
    expect(await leanCallsDiffer("DEV", stack.emulator.publicKey)).toBeUndefined();
  });

  it("a method that sends something else is named, and the factory builds full instances", async () => {
    // The SDK's client class, as the SDK loads it: keepSessionAlive is one of its prototype's methods.
    const sample = new Para(Environment.DEV, stack.emulator.publicKey, {
      useStorageOverrides: true,
      disableWebSockets: true,
    });
    const prototype = Object.getPrototypeOf(sample.ctx.client) as {
      keepSessionAlive(userId: string): Promise<unknown>;
    };
    const original = prototype.keepSessionAlive;
    prototype.keepSessionAlive = function (
      this: { baseRequest: { post(url: string): Promise<{ data: unknown }> } },
      userId,
    ) {
      return this.baseRequest.post(`/v2/users/${userId}/session/keep-alive`).then((res) => res.data);
    };
    // The factory's one normal start-up (for the partner record) logs its state machine's phases.
    const quiet = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      expect(await leanCallsDiffer("DEV", stack.emulator.publicKey)).toMatch(/^keepSessionAlive: .*\/v2\/users\//);
      const reasons: string[] = [];
      const config = loadConfig({ NODE_ENV: "development", PARA_ENV: "DEV", PARA_API_KEY: stack.emulator.publicKey });
      const instance = await new ParaFactory(config, (reason) => reasons.push(reason)).fresh();
      expect(reasons).toEqual([expect.stringMatching(/lean instances off for this process: keepSessionAlive/)]);
      expect(instance).toBeInstanceOf(FullInstance);
      prototype.keepSessionAlive = original;
      const again = await new ParaFactory(config).fresh();
      expect(again, "lean again with the SDK's own method").toBeInstanceOf(LeanInstance);
      expect(again.client).toBeInstanceOf(DirectCalls);
    } finally {
      prototype.keepSessionAlive = original;
      quiet.mockRestore();
    }
  });
});
