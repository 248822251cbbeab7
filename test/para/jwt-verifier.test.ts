import { createPublicKey, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { base64url, SignJWT, UnsecuredJWT } from "jose";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EmulatorUser } from "../../src/emulator/admin-client.js";
import { JwtVerifier, type JwtVerifierOptions } from "../../src/verifier/jwt-verifier.js";
import { bearer, codes, graphql } from "../support/graphql.js";
import { IMPORT, ISSUE_JWT, VERIFY_JWT } from "../support/operations.js";
import { useStack } from "../support/stack.js";

const stack = useStack();
const JWKS_ROUTE = "GET /.well-known/jwks.json";
let user: EmulatorUser;
let verifiers: JwtVerifier[] = [];
const verifier = (options: Partial<JwtVerifierOptions> = {}) => {
  const v = new JwtVerifier({ jwksUrl: `${stack.emulator.url}/.well-known/jwks.json`, ...options });
  verifiers.push(v);
  return v;
};
const jwksFetches = async () => (await stack.admin.stats())[JWKS_ROUTE] ?? 0;
const mint = async (input: { expiresInSeconds?: number; audience?: string } = {}) =>
  (await stack.admin.mintJwt({ userId: user.userId, ...input })).token;

beforeAll(async () => {
  user = await stack.admin.createUser({ walletTypes: ["EVM", "SOLANA"] });
});
beforeEach(async () => {
  await stack.admin.configure({ fault: { mode: "none" }, latencyMs: 0 });
  await stack.admin.resetStats();
});
// Each test's own: a verifier left refreshing in the background would add to the next test's fetches.
afterEach(() => {
  for (const v of verifiers) v.close();
  verifiers = [];
});

/** The token with one part replaced. */
const withPart = (token: string, index: 0 | 1 | 2, part: string) =>
  token
    .split(".")
    .map((p, i) => (i === index ? part : p))
    .join(".");
const encodePart = (json: unknown) => base64url.encode(JSON.stringify(json));
const decodePart = (part: string) => JSON.parse(new TextDecoder().decode(base64url.decode(part)));

describe("verifyJwt", () => {
  it("verifies a token from issueJwt, with the claims of that user", async () => {
    const { session } = await stack.admin.createSession(user.userId);
    const imported = await graphql<{ importSession: { sessionToken: string } }>(stack.gateway.url, IMPORT, { session });
    const issued = await graphql<{ issueJwt: { token: string; keyId: string } }>(
      stack.gateway.url,
      ISSUE_JWT,
      {},
      bearer(imported.data?.importSession.sessionToken as string),
    );
    const { token, keyId } = issued.data?.issueJwt ?? { token: "", keyId: "" };
    const res = await graphql<{ verifyJwt: Record<string, unknown> }>(stack.gateway.url, VERIFY_JWT, { token });
    expect(res.data?.verifyJwt).toMatchObject({
      valid: true,
      reason: null,
      keyId,
      claims: { userId: user.userId, identifier: user.identifier, email: user.identifier },
    });
    const wallets = (res.data?.verifyJwt.claims as { wallets: { id: string }[] } | undefined)?.wallets ?? [];
    expect(wallets.map((w) => w.id).sort()).toEqual(user.wallets.map((w) => w.id).sort());
  });

  it("answers an invalid token with valid: false and a reason, and refuses an oversized one as input", async () => {
    const bad = await graphql<{ verifyJwt: Record<string, unknown> }>(stack.gateway.url, VERIFY_JWT, {
      token: "x.y.z",
    });
    expect(bad.data?.verifyJwt).toMatchObject({ valid: false, reason: "MALFORMED", claims: null });
    const huge = await graphql(stack.gateway.url, VERIFY_JWT, { token: "a".repeat(17 * 1024) });
    expect(codes(huge)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("the verifier", () => {
  it("refuses a tampered signature, payload or header with the right reason", async () => {
    const v = verifier();
    const token = await mint();
    expect((await v.verify(token)).valid).toBe(true);
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const flipped = `${signature.slice(0, 10)}${signature[10] === "A" ? "B" : "A"}${signature.slice(11)}`;
    expect((await v.verify(withPart(token, 2, flipped))).reason).toBe("BAD_SIGNATURE");
    const claims = decodePart(payload);
    claims.data.userId = "someone-else";
    expect((await v.verify(withPart(token, 1, encodePart(claims)))).reason).toBe("BAD_SIGNATURE");
    const h = decodePart(header);
    expect((await v.verify(withPart(token, 0, encodePart({ ...h, typ: "JOSE" })))).reason).toBe("BAD_SIGNATURE");
    expect((await v.verify(withPart(token, 0, encodePart({ ...h, kid: randomUUID() })))).reason).toBe("UNKNOWN_KEY");
  });

  it("refuses alg none, and an HS256 token made with the public key as its secret", async () => {
    const v = verifier();
    const token = await mint();
    const { kid } = decodePart(token.split(".")[0] as string);
    const payload = decodePart(token.split(".")[1] as string);
    const none = new UnsecuredJWT(payload).encode();
    expect((await v.verify(none)).reason).toBe("ALGORITHM_NOT_ALLOWED");
    const jwks = (await (await fetch(`${stack.emulator.url}/.well-known/jwks.json`)).json()) as {
      keys: { kid: string }[];
    };
    const jwk = jwks.keys.find((k) => k.kid === kid);
    const pem = createPublicKey({ key: jwk as never, format: "jwk" }).export({ type: "spki", format: "pem" });
    const hs256 = await new SignJWT(payload)
      .setProtectedHeader({ alg: "HS256", kid })
      .sign(new TextEncoder().encode(pem as string));
    expect((await v.verify(hs256)).reason).toBe("ALGORITHM_NOT_ALLOWED");
  });

  it("refuses an expired token, forgives expiry within the clock tolerance, and checks the audience", async () => {
    const v = verifier({ clockToleranceSeconds: 5 });
    expect((await v.verify(await mint({ expiresInSeconds: -30 }))).reason).toBe("EXPIRED");
    const justExpired = await v.verify(await mint({ expiresInSeconds: -2 }));
    expect(justExpired).toMatchObject({ valid: true, claims: { userId: user.userId } });
    const strict = verifier({ audience: "the-app's-key-id" });
    expect((await strict.verify(await mint({ audience: "another-app" }))).reason).toBe("WRONG_AUDIENCE");
    expect((await strict.verify(await mint({ audience: "the-app's-key-id" }))).valid).toBe(true);
  });

  it("remembers a valid token only until it expires: the same token is EXPIRED on time", async () => {
    const v = verifier({ clockToleranceSeconds: 0 });
    const token = await mint({ expiresInSeconds: 1 });
    const first = await v.verify(token);
    expect(first.valid).toBe(true);
    expect(await v.verify(token)).toBe(first); // remembered: the very same answer, no second signature check
    await sleep((first.expiresAt as Date).getTime() - Date.now() + 50);
    expect((await v.verify(token)).reason).toBe("EXPIRED");
  });

  it("lets an answer be reused only while the key set it was checked against is the current one", async () => {
    const v = verifier({ unknownKeyCooldownMs: 0 });
    const result = await v.verify(await mint());
    expect(v.reusableForMs(result)).toBeGreaterThan(0);
    // A token naming an unknown key makes the verifier fetch the set again: the answer was checked against the old one.
    const header = decodePart((await mint()).split(".")[0] as string);
    await v.verify(withPart(await mint(), 0, encodePart({ ...header, kid: randomUUID() })));
    expect(v.reusableForMs(result)).toBe(0);
    expect(v.reusableForMs(await v.verify(await mint()))).toBeGreaterThan(0);
  });

  it("follows a key rotation: new tokens after one refetch, old ones while published, UNKNOWN_KEY once retired", async () => {
    const v = verifier({ unknownKeyCooldownMs: 0, refreshIntervalMs: 1_000 });
    const old = await mint();
    expect((await v.verify(old)).valid).toBe(true);
    await stack.admin.rotateKeys();
    const fresh = await mint();
    await stack.admin.resetStats();
    expect((await v.verify(fresh)).valid).toBe(true);
    expect(await jwksFetches()).toBe(1);
    expect((await v.verify(old)).valid).toBe(true);
    await stack.admin.retireKeys();
    await sleep(1_300); // one background refresh
    expect((await v.verify(old)).reason).toBe("UNKNOWN_KEY");
    expect((await v.verify(fresh)).valid).toBe(true);
  });

  it("makes one fetch for 1,000 concurrent good tokens, and one refetch per cooldown for 1,000 unknown kids", async () => {
    const v = verifier({ unknownKeyCooldownMs: 60_000 });
    const token = await mint();
    const results = await Promise.all(Array.from({ length: 1_000 }, () => v.verify(token)));
    expect(results.every((r) => r.valid)).toBe(true);
    expect(await jwksFetches()).toBe(1);
    const header = decodePart(token.split(".")[0] as string);
    const forged = Array.from({ length: 1_000 }, () =>
      withPart(token, 0, encodePart({ ...header, kid: randomUUID() })),
    );
    const refused = await Promise.all(forged.map((t) => v.verify(t)));
    expect(refused.every((r) => r.reason === "UNKNOWN_KEY")).toBe(true);
    // The first fetch was the start-up's, not an unknown key's: one refetch for all 1,000, then the cooldown.
    expect(await jwksFetches()).toBe(2);
    await Promise.all(forged.map((t) => v.verify(t)));
    expect(await jwksFetches()).toBe(2);
    const cold = verifier({ unknownKeyCooldownMs: 60_000 });
    await stack.admin.resetStats();
    await Promise.all(forged.map((t) => cold.verify(t)));
    expect(await jwksFetches()).toBe(1); // one fetch, shared by all, then the cooldown
  });

  it("keeps verifying tokens of known keys while Para hangs or fails", async () => {
    const v = verifier({ unknownKeyCooldownMs: 0, refreshIntervalMs: 1_000, fetchTimeoutMs: 300 });
    const token = await mint();
    expect((await v.verify(token)).valid).toBe(true);
    for (const mode of ["hang", "error500"] as const) {
      await stack.admin.configure({ fault: { mode } });
      await sleep(1_200); // a background refresh fails meanwhile
      expect((await v.verify(token)).valid).toBe(true);
    }
    expect(await jwksFetches()).toBeGreaterThanOrEqual(2);
  });
});
