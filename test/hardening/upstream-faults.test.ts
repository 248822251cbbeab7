import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EmulatorAdmin, type EmulatorUser } from "../../src/emulator/admin-client.js";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { bearer, codes, graphql } from "../support/graphql.js";
import { IMPORT, ISSUE_JWT, SESSION, VERIFY_WALLET } from "../support/operations.js";

const TIMEOUT_MS = 600;
const COOLDOWN_MS = 800;
let emulator: Emulator;
let admin: EmulatorAdmin;
let gateway: GatewayProcess;
let user: EmulatorUser;
let token: string;

beforeAll(async () => {
  emulator = await startEmulator();
  admin = new EmulatorAdmin(emulator.url);
  gateway = await startGatewayProcess({
    PARA_TIMEOUT_MS: String(TIMEOUT_MS),
    PARA_BREAKER_THRESHOLD: "10",
    PARA_BREAKER_COOLDOWN_MS: String(COOLDOWN_MS),
    WALLET_CACHE_SIZE: "0", // every verifyWallet goes to Para here
  });
  user = await admin.createUser();
  const { session } = await admin.createSession(user.userId);
  const res = await graphql<{ importSession: { sessionToken: string } }>(gateway.url, IMPORT, { session });
  token = res.data?.importSession.sessionToken as string;
});
afterAll(async () => {
  await gateway?.stop();
  await emulator?.close();
});
const verify = () => graphql(gateway.url, VERIFY_WALLET, { address: user.wallets[0]?.address });

beforeEach(async () => {
  await admin.configure({ fault: { mode: "none" }, latencyMs: 0 });
  await sleep(COOLDOWN_MS + 50); // an open breaker half-opens, and a success closes it
  expect(codes(await verify())).toEqual([]);
  await admin.resetStats();
});

describe("retries", () => {
  it("retries an idempotent call once, and a JWT issue never", async () => {
    await admin.configure({ fault: { mode: "error500", routes: ["POST /wallets/verify", "POST /auth/jwt"] } });
    expect(codes(await verify())).toEqual(["UPSTREAM_ERROR"]);
    expect(codes(await graphql(gateway.url, ISSUE_JWT, {}, bearer(token)))).toEqual(["UPSTREAM_ERROR"]);
    const stats = await admin.stats();
    expect(stats["POST /wallets/verify"]).toBe(2);
    expect(stats["POST /auth/jwt"]).toBe(1);
  });

  it("rides out a dropped connection on an idempotent call", async () => {
    // Every second answer is a dropped connection (the emulator spreads a rate evenly): from the second
    // operation on, each first attempt fails and its one retry succeeds, so none of them fails.
    await admin.configure({ fault: { mode: "reset", routes: ["POST /wallets/verify"], rate: 0.5 } });
    const results = [];
    for (let i = 0; i < 40; i++) results.push(codes(await verify())[0] ?? "OK");
    expect(results).toEqual(Array(40).fill("OK"));
    expect((await admin.stats())["POST /wallets/verify"], "1 call, then 2 for each of the other 39").toBe(79);
  });
});

describe("the circuit breaker", () => {
  it("stops calling a failing Para, answers at once, and closes again when Para is back", async () => {
    await admin.configure({ fault: { mode: "error500", routes: ["POST /wallets/verify"] } });
    for (let i = 0; i < 5; i++) expect(codes(await verify())).toEqual(["UPSTREAM_ERROR"]); // 5 × 2 attempts: open
    const callsWhenOpen = (await admin.stats())["POST /wallets/verify"];
    const started = performance.now();
    const fast = await verify();
    expect(codes(fast)).toEqual(["UPSTREAM_UNAVAILABLE"]);
    expect(fast.errors?.[0]?.message).toMatch(/failed repeatedly/);
    expect(performance.now() - started).toBeLessThan(200);
    expect((await admin.stats())["POST /wallets/verify"]).toBe(callsWhenOpen);

    await admin.configure({ fault: { mode: "none" } });
    await sleep(COOLDOWN_MS + 50);
    expect(codes(await verify())).toEqual([]);
  });
});

describe("slow, hung, lying Para", () => {
  it("serves slow answers inside the timeout and gives up on slower ones within it", async () => {
    await admin.configure({ latencyMs: 100 });
    expect(codes(await graphql(gateway.url, SESSION, {}, bearer(token)))).toEqual([]);
    await admin.configure({ latencyMs: TIMEOUT_MS + 300 });
    const started = performance.now();
    expect(codes(await verify())).toEqual(["UPSTREAM_UNAVAILABLE"]);
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + 400);
  });

  it("answers an UPSTREAM_* error to malformed bodies, never a wrong answer", async () => {
    await admin.configure({ fault: { mode: "malformed", routes: ["POST /wallets/verify", "POST /touch"] } });
    expect(codes(await verify())).toEqual(["UPSTREAM_ERROR"]);
    // A garbled /touch also garbles the SDK's start-up, which then never settles: the deadline answers.
    const read = await graphql<{ session: { active: boolean } | null }>(
      gateway.url,
      "{ session { active } }",
      {},
      bearer(token),
    );
    expect(codes(read)[0]).toMatch(/^UPSTREAM_(ERROR|UNAVAILABLE)$/);
    // Unknown, not signed out: the session is there, its liveness null beside the error.
    expect(read.data?.session).not.toBeNull();
    expect(read.data?.session?.active).toBeNull();
  });
});
