import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorAdmin } from "../../src/emulator/admin-client.js";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { graphql } from "../support/graphql.js";
import { IMPORT, VERIFY_WALLET, VERIFY_WALLETS } from "../support/operations.js";

let emulator: Emulator;
let gateway: GatewayProcess;
let validBlob: string;
let validAddresses: string[];

beforeAll(async () => {
  emulator = await startEmulator();
  gateway = await startGatewayProcess({ MAX_SESSION_BYTES: "16384" });
  const admin = new EmulatorAdmin(emulator.url);
  const user = await admin.createUser({ walletTypes: ["EVM", "SOLANA", "COSMOS"] });
  validBlob = (await admin.createSession(user.userId, { excludeSigners: true })).session;
  validAddresses = user.wallets.map((w) => w.address);
});
afterAll(async () => {
  await gateway?.stop();
  await emulator?.close();
});

/** The property: an answer below 500 whose every error carries a code, and a server that keeps serving. */
async function answersWithCodes(query: string, variables: Record<string, unknown>) {
  const res = await graphql(gateway.url, query, variables);
  expect(res.status).toBeLessThan(500);
  for (const error of res.errors ?? []) expect(typeof error.extensions?.code).toBe("string");
  if (!res.errors) expect(res.data).toBeTruthy();
}

/** Mutations of a valid string: flipped, dropped, inserted or swapped characters, cut or repeated. */
const mutated = (valid: () => string) =>
  fc
    .tuple(
      fc.array(
        fc.oneof(
          fc.record({
            kind: fc.constant("set" as const),
            at: fc.nat(),
            char: fc.string({ minLength: 1, maxLength: 1, unit: "binary" }),
          }),
          fc.record({ kind: fc.constant("drop" as const), at: fc.nat() }),
          fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
        ),
        { minLength: 1, maxLength: 4 },
      ),
    )
    .map(([edits]) =>
      edits.reduce((s, e) => {
        const at = s.length === 0 ? 0 : e.at % s.length;
        if (e.kind === "set") return s.slice(0, at) + e.char + s.slice(at + 1);
        if (e.kind === "drop") return s.slice(0, at) + s.slice(at + 1);
        return s.slice(0, at);
      }, valid()),
    );

/** A valid blob whose decoded JSON was changed: fields removed, retyped or replaced. */
const mutatedJson = () =>
  fc
    .tuple(
      fc.constantFrom("authInfo", "userId", "wallets", "currentWalletIds", "sessionCookie", "externalWallets"),
      fc.jsonValue(),
    )
    .map(([field, value]) => {
      const json = JSON.parse(Buffer.from(validBlob, "base64").toString("utf8"));
      json[field] = value;
      return Buffer.from(JSON.stringify(json)).toString("base64");
    });

describe("property: no input crashes the server or is answered without a code", () => {
  it("importSession with random, mutated and reshaped blobs", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: "binary" }),
          fc.base64String(),
          mutated(() => validBlob),
          mutatedJson(),
        ),
        (session) => answersWithCodes(IMPORT, { session }),
      ),
      { numRuns: 120 },
    );
  });

  it("verifyWallet and verifyWallets with random and mutated addresses", async () => {
    const address = fc.oneof(
      fc.string({ unit: "binary", maxLength: 120 }),
      fc
        .string({ unit: fc.constantFrom(..."0123456789abcdefABCDEF"), minLength: 38, maxLength: 42 })
        .map((h) => `0x${h}`),
      mutated(() => validAddresses[0] as string),
      mutated(() => validAddresses[1] as string),
      mutated(() => validAddresses[2] as string),
    );
    await fc.assert(
      fc.asyncProperty(address, (a) => answersWithCodes(VERIFY_WALLET, { address: a })),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(address, { maxLength: 12 }), (addresses) =>
        answersWithCodes(VERIFY_WALLETS, { addresses }),
      ),
      { numRuns: 40 },
    );
    expect((await fetch(new URL("/health", gateway.url))).status).toBe(200);
  });
});
