import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { classifyAddress } from "../../src/chains/addresses.js";
import { EmulatorAdmin } from "../../src/emulator/admin-client.js";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";

let emulator: Emulator;
let admin: EmulatorAdmin;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  admin = new EmulatorAdmin(emulator.url);
});
afterAll(() => emulator.close());
beforeEach(() => admin.configure({ latencyMs: 0, fault: { mode: "none" } }));

async function raw(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${emulator.url}${path}`, { method, body, headers });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json: json as Record<string, unknown> | undefined, text };
}

const touch = () => raw("POST", "/touch?regenerate=false", undefined, { "x-external-api-key": emulator.publicKey });

describe("admin API", () => {
  it("creates users with well-formed addresses for each chain", async () => {
    const user = await admin.createUser({ email: "shapes@example.com", walletTypes: ["EVM", "SOLANA", "COSMOS"] });
    expect(user.authType).toBe("email");
    expect(user.wallets.map((w) => w.type)).toEqual(["EVM", "SOLANA", "COSMOS"]);
    for (const w of user.wallets) expect(classifyAddress(w.address)).toEqual({ type: w.type });
    expect(user.wallets[0]?.address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(user.wallets[2]?.address).toMatch(/^cosmos1/);
  });

  it("answers bad input with a 4xx and a JSON message, and keeps serving", async () => {
    const cases: [string, string, string | undefined, number][] = [
      ["POST", "/_emulator/users", "{not json", 400],
      ["POST", "/_emulator/users", "[1,2]", 400],
      ["POST", "/_emulator/users", JSON.stringify({ walletTypes: ["DOGE"] }), 400],
      ["POST", "/_emulator/users", JSON.stringify({ phone: "555" }), 400],
      ["POST", "/_emulator/users", JSON.stringify({ email: "not-an-email" }), 400],
      ["POST", "/_emulator/users", JSON.stringify({ email: 42 }), 400],
      ["POST", "/_emulator/users", JSON.stringify({ partnerId: "nope" }), 404],
      ["POST", "/_emulator/sessions", JSON.stringify({}), 400],
      ["POST", "/_emulator/sessions", JSON.stringify({ userId: "unknown" }), 404],
      ["POST", "/_emulator/sessions/expire", JSON.stringify({ verificationToken: "unknown" }), 404],
      ["PUT", "/_emulator/config", JSON.stringify({ sessionLengthSeconds: 31 * 24 * 3600 }), 400],
      ["PUT", "/_emulator/config", JSON.stringify({ latencyMs: -1 }), 400],
      ["PUT", "/_emulator/config", JSON.stringify({ fault: { mode: "explode" } }), 400],
      ["PUT", "/_emulator/config", JSON.stringify({ fault: { mode: "hang", rate: 2 } }), 400],
      ["GET", "/_emulator/nothing-here", undefined, 404],
      ["DELETE", "/_emulator/users", undefined, 405],
      ["POST", "/sessions/verify", "{", 401],
    ];
    for (const [method, path, body, status] of cases) {
      const res = await raw(method, path, body, { "content-type": "application/json" });
      expect({ method, path, body, status: res.status }).toEqual({ method, path, body, status });
      expect(typeof res.json?.message).toBe("string");
    }
    const duplicate = await raw("POST", "/_emulator/users", JSON.stringify({ email: "twice@example.com" }));
    expect(duplicate.status).toBe(200);
    expect((await raw("POST", "/_emulator/users", JSON.stringify({ email: "Twice@example.com" }))).status).toBe(409);
    expect((await touch()).status).toBe(200);
  });

  it("counts Para API requests by route, and resets the count", async () => {
    await admin.resetStats();
    await touch();
    await touch();
    await raw("GET", "/.well-known/jwks.json");
    await admin.createUser();
    expect(await admin.stats()).toEqual({ "POST /touch": 2, "GET /.well-known/jwks.json": 1 });
    await admin.resetStats();
    expect(await admin.stats()).toEqual({});
  });
});

describe("fault injection", () => {
  it("delays every Para answer by latencyMs, but not the admin API", async () => {
    await admin.configure({ latencyMs: 150 });
    let started = performance.now();
    await touch();
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    started = performance.now();
    await admin.stats();
    expect(performance.now() - started).toBeLessThan(145);
  });

  it("answers 500, malformed JSON, resets and hangs on the routes it names", async () => {
    await admin.configure({ fault: { mode: "error500", routes: ["POST /touch"] } });
    expect((await touch()).status).toBe(500);
    expect((await raw("GET", "/.well-known/jwks.json")).status).toBe(200);

    await admin.configure({ fault: { mode: "malformed", routes: ["/touch"] } });
    const malformed = await touch();
    expect(malformed.status).toBe(200);
    expect(malformed.json).toBeUndefined();

    await admin.configure({ fault: { mode: "reset" } });
    await expect(touch()).rejects.toThrow();

    await admin.configure({ fault: { mode: "hang" } });
    const hung = fetch(`${emulator.url}/.well-known/jwks.json`, { signal: AbortSignal.timeout(300) });
    await expect(hung).rejects.toThrow(/abort|timeout/i);

    await admin.configure({ fault: { mode: "none" } });
    expect((await touch()).status).toBe(200);
  });

  it("fails the given share of requests with rate, spread evenly from the fault's setting on", async () => {
    await admin.configure({ fault: { mode: "error500", rate: 0.5 } });
    const statuses = [];
    for (let i = 0; i < 200; i++) statuses.push((await touch()).status);
    expect(statuses.filter((s) => s === 500).length).toBe(100);
    expect(statuses.slice(0, 4), "every second one").toEqual([200, 500, 200, 500]);
    await admin.configure({ fault: { mode: "error500", rate: 0.25 } });
    const quarter = [];
    for (let i = 0; i < 8; i++) quarter.push((await touch()).status);
    expect(quarter, "a new fault counts again").toEqual([200, 200, 200, 500, 200, 200, 200, 500]);
  });
});
