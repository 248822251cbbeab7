import { setTimeout as sleep } from "node:timers/promises";
import { beforeEach, describe, expect, it } from "vitest";
import { bearer, codes, graphql } from "../support/graphql.js";
import { metric } from "../support/metrics.js";
import { IMPORT, VERIFY_JWT, VERIFY_WALLET, VERIFY_WALLETS } from "../support/operations.js";
import { useStack } from "../support/stack.js";

const KEY = "answer-cache-test-key-0123456789";
const stack = useStack({
  WALLET_CACHE_TTL_MS: "1500",
  JWT_CLOCK_TOLERANCE_S: "0",
  VERIFY_ACCESS: "key",
  GATEWAY_API_KEYS: KEY,
});
const backend = { "x-gateway-key": KEY };
const hits = () => metric(stack.gateway.url, "para_gateway_answer_cache_hits_total");
const verifyCalls = async () => (await stack.admin.stats())["POST /wallets/verify"] ?? 0;

beforeEach(() => stack.admin.resetStats());

describe("the answer cache", () => {
  it("serves a verify answer again without running it, for no longer than the wallet cache keeps it", async () => {
    const address = (await stack.admin.createUser({ walletTypes: ["EVM"] })).wallets[0]?.address as string;
    const ask = () =>
      graphql<{ verifyWallet: { verified: boolean } }>(stack.gateway.url, VERIFY_WALLET, { address }, backend);
    const before = await hits();
    const first = await ask();
    expect(first.data?.verifyWallet.verified).toBe(true);
    expect(await verifyCalls()).toBe(1);
    const again = await ask();
    expect(again.data).toEqual(first.data);
    expect(await hits()).toBe(before + 1);
    // Past the wallet cache's 1.5 s the answer is not reused: the gateway asks Para again.
    await sleep(1_600);
    expect((await ask()).data).toEqual(first.data);
    expect(await verifyCalls()).toBe(2);
    expect(await hits()).toBe(before + 1);
  });

  it("gives an answer run with a gateway key to no caller without one, and never keeps errors", async () => {
    const address = (await stack.admin.createUser({ walletTypes: ["EVM"] })).wallets[0]?.address as string;
    const first = await graphql(stack.gateway.url, VERIFY_WALLET, { address }, backend);
    expect(first.errors).toBeUndefined();
    const before = await hits();
    // Not even as a 304 to a conditional request naming the kept answer's ETag.
    expect(first.headers.get("etag")).toBeTruthy();
    const conditional = await graphql(
      stack.gateway.url,
      VERIFY_WALLET,
      { address },
      {
        "if-none-match": first.headers.get("etag") ?? "",
      },
    );
    expect(conditional.status).not.toBe(304);
    expect(codes(conditional)).toEqual(["UNAUTHENTICATED"]);
    for (const headers of [{}, { "x-gateway-key": "not-the-key" }, {}] as Record<string, string>[]) {
      expect(codes(await graphql(stack.gateway.url, VERIFY_WALLET, { address }, headers))).toEqual(["UNAUTHENTICATED"]);
    }
    for (let i = 0; i < 2; i++) {
      const bad = await graphql(stack.gateway.url, VERIFY_WALLET, { address: "0xnot-an-address" }, backend);
      expect(codes(bad)).toEqual(["BAD_USER_INPUT"]);
    }
    expect(await hits()).toBe(before);
  });

  it("does not keep an answer larger than 16 KB (a list echoes what the caller sent)", async () => {
    const address = (await stack.admin.createUser({ walletTypes: ["EVM"] })).wallets[0]?.address as string;
    const addresses = [address, `0x${"z".repeat(20_000)}`];
    const before = await hits();
    for (let i = 0; i < 2; i++) {
      const res = await graphql<{ verifyWallets: { verified: boolean }[] }>(
        stack.gateway.url,
        VERIFY_WALLETS,
        { addresses },
        backend,
      );
      expect(res.data?.verifyWallets.map((v) => v.verified)).toEqual([true, false]);
    }
    expect(await hits()).toBe(before);
    // The same list without the padding is kept.
    for (let i = 0; i < 2; i++)
      await graphql(stack.gateway.url, VERIFY_WALLETS, { addresses: [address, "0xzz"] }, backend);
    expect(await hits()).toBe(before + 1);
  });

  it("never reuses a document that asks for anything else, such as the caller's session", async () => {
    const address = (await stack.admin.createUser({ walletTypes: ["EVM"] })).wallets[0]?.address as string;
    const mixed = "query M($address: String!) { verifyWallet(address: $address) { verified } session { userId } }";
    const before = await hits();
    for (let i = 0; i < 2; i++) {
      const user = await stack.admin.createUser();
      const { session } = await stack.admin.createSession(user.userId);
      const imported = await graphql<{ importSession: { sessionToken: string } }>(stack.gateway.url, IMPORT, {
        session,
      });
      const token = imported.data?.importSession.sessionToken as string;
      const res = await graphql<{ session: { userId: string } }>(
        stack.gateway.url,
        mixed,
        { address },
        { ...backend, ...bearer(token) },
      );
      expect(res.data?.session.userId).toBe(user.userId);
      // The cache does no work around a one-off operation: none of its answers gets an ETag.
      expect(imported.headers.get("etag")).toBeNull();
      expect(res.headers.get("etag")).toBeNull();
      const stored = await graphql(stack.gateway.url, "{ session { userId expiresAt } }", {}, bearer(token));
      expect(stored.errors).toBeUndefined();
      expect(stored.headers.get("etag")).toBeNull();
    }
    expect(await hits()).toBe(before);
    // A verify operation alone is a candidate: its answer is tagged for the cache.
    expect((await graphql(stack.gateway.url, VERIFY_WALLET, { address }, backend)).headers.get("etag")).toBeTruthy();
  });

  it("reuses a valid JWT's answer only until the token expires", async () => {
    const user = await stack.admin.createUser();
    const { token } = await stack.admin.mintJwt({ userId: user.userId, expiresInSeconds: 2 });
    const ask = () =>
      graphql<{ verifyJwt: { valid: boolean; reason: string | null; expiresAt: string } }>(
        stack.gateway.url,
        VERIFY_JWT,
        { token },
      );
    const before = await hits();
    const first = await ask();
    expect(first.data?.verifyJwt.valid).toBe(true);
    expect((await ask()).data).toEqual(first.data);
    expect(await hits()).toBe(before + 1);
    await sleep(Date.parse(first.data?.verifyJwt.expiresAt as string) - Date.now() + 50);
    expect((await ask()).data?.verifyJwt).toMatchObject({ valid: false, reason: "EXPIRED" });
  });
});
