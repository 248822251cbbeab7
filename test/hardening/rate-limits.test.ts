import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorAdmin } from "../../src/emulator/admin-client.js";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { bearer, codes, graphql } from "../support/graphql.js";
import { IMPORT, SESSION, VERIFY_SESSION } from "../support/operations.js";

let emulator: Emulator;
let admin: EmulatorAdmin;

beforeAll(async () => {
  emulator = await startEmulator();
  admin = new EmulatorAdmin(emulator.url);
});
afterAll(() => emulator?.close());

const blob = async () => (await admin.createSession((await admin.createUser()).userId)).session;

describe("rate limits", () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGatewayProcess({
      RATE_LIMITS: "on",
      RATE_LIMIT_IMPORTS: "3",
      RATE_LIMIT_VERIFY: "4",
      RATE_LIMIT_SESSION: "5",
      TRUST_PROXY: "true",
    });
  });
  afterAll(() => gateway?.stop());

  it("limits importSession per client address, with a retry hint", async () => {
    const from = (ip: string) => ({ "x-forwarded-for": ip });
    for (let i = 0; i < 3; i++)
      expect(codes(await graphql(gateway.url, IMPORT, { session: await blob() }, from("203.0.113.7")))).toEqual([]);
    const limited = await graphql(gateway.url, IMPORT, { session: await blob() }, from("203.0.113.7"));
    expect(codes(limited)).toEqual(["RATE_LIMITED"]);
    expect(limited.errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(0);
    expect(limited.errors?.[0]?.message).toMatch(/Retry in \d+ s/);
    // another client is not affected
    expect(codes(await graphql(gateway.url, IMPORT, { session: await blob() }, from("203.0.113.8")))).toEqual([]);
  });

  it("limits verifySession per client address", async () => {
    const from = { "x-forwarded-for": "198.51.100.1" };
    const results = [];
    for (let i = 0; i < 5; i++)
      results.push(codes(await graphql(gateway.url, VERIFY_SESSION, { token: "nope" }, from))[0] ?? "OK");
    expect(results).toEqual(["OK", "OK", "OK", "OK", "RATE_LIMITED"]);
  });

  it("limits everything else per session", async () => {
    const tokens = [];
    for (const ip of ["192.0.2.1", "192.0.2.2"]) {
      const res = await graphql<{ importSession: { sessionToken: string } }>(
        gateway.url,
        IMPORT,
        { session: await blob() },
        {
          "x-forwarded-for": ip,
        },
      );
      tokens.push(res.data?.importSession.sessionToken as string);
    }
    const run = async (token: string) => codes(await graphql(gateway.url, SESSION, {}, bearer(token)))[0] ?? "OK";
    const first = [];
    for (let i = 0; i < 6; i++) first.push(await run(tokens[0] as string));
    expect(first).toEqual(["OK", "OK", "OK", "OK", "OK", "RATE_LIMITED"]);
    expect(await run(tokens[1] as string)).toBe("OK");
  });
});

describe("RATE_LIMITS=off", () => {
  it("turns every limit off, for benchmarks and load tests", async () => {
    const gateway = await startGatewayProcess({ RATE_LIMITS: "off", RATE_LIMIT_VERIFY: "1" });
    try {
      for (let i = 0; i < 5; i++)
        expect(codes(await graphql(gateway.url, VERIFY_SESSION, { token: "nope" }))).toEqual([]);
    } finally {
      await gateway.stop();
    }
  });
});
