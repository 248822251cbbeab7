import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, DEV_ENCRYPTION_KEY, loadConfig } from "../../src/runtime/config.js";
import { type GatewayProcess, startGatewayProcess, TEST_ENCRYPTION_KEY } from "../support/gateway-process.js";
import { bearer, codes, graphql } from "../support/graphql.js";
import { getWithHost } from "../support/host-header.js";
import { IMPORT, KEEP_ALIVE, SESSION, VERIFY_JWT } from "../support/operations.js";
import { useEmulator } from "../support/stack.js";
import { workerHost } from "../support/worker-host.js";

/** What the gateway says about a session is what Para said, or plainly unknown: never a guess. */
const emulator = useEmulator();
let gateway: GatewayProcess;

beforeAll(async () => {
  gateway = await startGatewayProcess({ PARA_BREAKER_THRESHOLD: "3" });
});
afterAll(() => gateway?.stop());
beforeEach(() => emulator.admin.configure({ fault: { mode: "none" } }));

async function imported() {
  const user = await emulator.admin.createUser();
  const { session } = await emulator.admin.createSession(user.userId, { excludeSigners: true });
  const res = await graphql<{ importSession: { sessionToken: string; session: { expiresAt: string } } }>(
    gateway.url,
    IMPORT,
    { session },
  );
  expect(res.errors).toBeUndefined();
  return { user, session, token: res.data?.importSession.sessionToken as string };
}

describe("truthful answers", () => {
  it("a keep-alive Para answers with 200 and broken JSON is UPSTREAM_ERROR, and the expiry stays Para's", async () => {
    const { token } = await imported();
    const before = await graphql<{ session: { expiresAt: string } }>(gateway.url, SESSION, {}, bearer(token));
    await emulator.admin.configure({ fault: { mode: "malformed", routes: ["/users/:userId/session/keep-alive"] } });
    const kept = await graphql(gateway.url, KEEP_ALIVE, {}, bearer(token));
    expect(codes(kept)).toEqual(["UPSTREAM_ERROR"]);
    expect(kept.data).toBeNull();
    const after = await graphql<{ session: { expiresAt: string } }>(gateway.url, SESSION, {}, bearer(token));
    expect(after.data?.session.expiresAt).toBe(before.data?.session.expiresAt);
  });

  it("during an outage, session is still there with active: null and the error, so a UI can tell offline from signed out", async () => {
    const { token } = await imported();
    await emulator.admin.configure({ fault: { mode: "error500", routes: ["POST /touch"] } });
    const read = await graphql<{ session: { identifier: string; active: boolean | null } | null }>(
      gateway.url,
      "{ session { identifier active } }",
      {},
      bearer(token),
    );
    expect(codes(read)).toEqual(["UPSTREAM_ERROR"]);
    expect(read.data?.session?.identifier).toBeTruthy();
    expect(read.data?.session?.active).toBeNull();
  });

  it("a 4xx Para answers because of what the client sent is the client's error: not retried, and no breaker opens", async () => {
    await emulator.admin.configure({ fault: { mode: "status", status: 431, routes: ["POST /auth/jwt"] } });
    await emulator.admin.resetStats();
    for (let i = 0; i < 6; i++) {
      const user = await emulator.admin.createUser();
      const { session } = await emulator.admin.createSession(user.userId, { excludeSigners: true });
      expect(codes(await graphql(gateway.url, IMPORT, { session }))).toEqual(["BAD_USER_INPUT"]);
    }
    expect((await emulator.admin.stats())["POST /auth/jwt"]).toBe(6); // once each: never retried
    await emulator.admin.configure({ fault: { mode: "none" } });
    await imported(); // twice the breaker's threshold, and the next honest import goes through at once
  });

  it("a token of a key Para rotated in one second after start verifies at once (the start-up fetch is no unknown-key fetch)", async () => {
    const fresh = await startGatewayProcess({ JWKS_COOLDOWN_MS: "30000" });
    try {
      const user = await emulator.admin.createUser();
      const before = await emulator.admin.mintJwt({ userId: user.userId });
      const first = await graphql<{ verifyJwt: { valid: boolean } }>(fresh.url, VERIFY_JWT, { token: before.token });
      expect(first.data?.verifyJwt.valid).toBe(true);
      await sleep(1_000);
      await emulator.admin.rotateKeys();
      const rotated = await emulator.admin.mintJwt({ userId: user.userId });
      expect(rotated.keyId).not.toBe(before.keyId);
      const res = await graphql<{ verifyJwt: { valid: boolean; reason: string | null } }>(fresh.url, VERIFY_JWT, {
        token: rotated.token,
      });
      expect(res.data?.verifyJwt).toMatchObject({ valid: true, reason: null });
    } finally {
      await fresh.stop();
    }
  });
});

describe("verifyJwt is for this app", () => {
  it("refuses another Para app's token, is NOT_CONFIGURED without PARA_JWT_AUDIENCE, and accepts any app's only when told", async () => {
    const user = await emulator.admin.createUser();
    const other = await emulator.admin.mintJwt({ userId: user.userId, audience: "another-app" });
    const own = await emulator.admin.mintJwt({ userId: user.userId });
    const verify = (url: string, token: string) =>
      graphql<{ verifyJwt: { valid: boolean; reason: string | null } }>(url, VERIFY_JWT, { token });
    expect((await verify(gateway.url, other.token)).data?.verifyJwt.reason).toBe("WRONG_AUDIENCE");
    expect((await verify(gateway.url, own.token)).data?.verifyJwt.valid).toBe(true);
    const unset = await startGatewayProcess({ PARA_JWT_AUDIENCE: undefined });
    const any = await startGatewayProcess({ PARA_JWT_AUDIENCE: "any" });
    try {
      expect(codes(await verify(unset.url, own.token))).toEqual(["NOT_CONFIGURED"]);
      expect((await verify(any.url, other.token)).data?.verifyJwt.valid).toBe(true);
    } finally {
      await Promise.all([unset.stop(), any.stop()]);
    }
  });
});

describe("production defaults", () => {
  const production = { NODE_ENV: "production", PARA_ENV: "DEV", PARA_API_KEY: "dev_public_demo" };

  it("refuses the published dev encryption key outside dev mode", () => {
    expect(() => loadConfig({ ...production, SESSION_ENCRYPTION_KEY: DEV_ENCRYPTION_KEY })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, SESSION_ENCRYPTION_KEY: DEV_ENCRYPTION_KEY })).toThrow(
      /published dev key/,
    );
  });

  it("refuses several workers with the memory store, which would keep each worker's sessions to itself", () => {
    const env = { ...production, SESSION_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, SESSION_STORE: "memory" };
    expect(() => loadConfig({ ...env, WORKERS: "2" })).toThrow(/WORKERS is 2, but SESSION_STORE=memory/);
    expect(loadConfig({ ...env, WORKERS: "1" }).workers).toBe(1);
    expect(loadConfig({ ...env, WORKERS: "2", SESSION_STORE: "sqlite:./data/s.db" }).workers).toBe(2);
  });

  it("serves /metrics off the public port unless told", async () => {
    // On this worker's own address: port 9464 is every production gateway's, in test files running beside this one too.
    const plain = await startGatewayProcess({ METRICS_PORT: undefined, HOST: workerHost });
    try {
      expect(plain.logs.find((l) => l.msg === "gateway listening")?.metricsPort).toBe(9464);
      expect((await fetch(new URL("/metrics", plain.url))).status).toBe(404);
      expect((await fetch(`http://${workerHost}:9464/metrics`)).status).toBe(200);
    } finally {
      await plain.stop();
    }
  });
});

describe("the emulator on loopback", () => {
  it("answers only requests naming a loopback host", async () => {
    expect(await getWithHost(`${emulator.emulator.url}/_emulator/stats`, "rebound.example:8080")).toBe(403);
    expect(await getWithHost(`${emulator.emulator.url}/_emulator/stats`, "localhost:8080")).toBe(200);
  });
});
