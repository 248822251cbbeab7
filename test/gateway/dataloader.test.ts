import { beforeEach, describe, expect, it } from "vitest";
import { bearer, graphql } from "../support/graphql.js";
import { metric } from "../support/metrics.js";
import { IMPORT, VERIFY_WALLETS } from "../support/operations.js";
import { useStack } from "../support/stack.js";

const stack = useStack({ WALLET_CACHE_NEGATIVE_TTL_MS: "1000" });
beforeEach(() => stack.admin.resetStats());

describe("DataLoader against N+1 calls to Para", () => {
  it("asks Para once per distinct address: 100 addresses, 50 distinct, 50 calls", async () => {
    const owned = (await stack.admin.createUser({ walletTypes: ["EVM", "SOLANA", "COSMOS"] })).wallets;
    const distinct = [
      ...owned.map((w) => w.address),
      ...Array.from({ length: 47 }, (_, i) => `0x${(i + 1).toString(16).padStart(40, "0")}`),
    ];
    expect(new Set(distinct).size).toBe(50);
    const addresses = [...distinct, ...distinct];
    const res = await graphql<{ verifyWallets: { address: string; verified: boolean; walletId: string | null }[] }>(
      stack.gateway.url,
      VERIFY_WALLETS,
      { addresses },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.verifyWallets.map((v) => v.address)).toEqual(addresses);
    expect(res.data?.verifyWallets.filter((v) => v.verified).map((v) => v.walletId)).toEqual([
      ...owned.map((w) => w.id),
      ...owned.map((w) => w.id),
    ]);
    expect((await stack.admin.stats())["POST /wallets/verify"]).toBe(50);

    // Warm: the cache answers all of them; after the negative TTL only the unowned are asked again.
    await stack.admin.resetStats();
    const warm = await graphql(stack.gateway.url, VERIFY_WALLETS, { addresses });
    expect(warm.data).toEqual(res.data);
    expect((await stack.admin.stats())["POST /wallets/verify"]).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await graphql(stack.gateway.url, VERIFY_WALLETS, { addresses });
    expect((await stack.admin.stats())["POST /wallets/verify"]).toBe(47);
  });

  it("deduplicates across aliases and EVM letter case within one operation", async () => {
    const [wallet] = (await stack.admin.createUser()).wallets;
    const address = wallet?.address ?? "";
    const query = `query($a: String!, $b: String!, $c: [String!]!) {
      one: verifyWallet(address: $a) { verified }
      two: verifyWallet(address: $b) { verified }
      list: verifyWallets(addresses: $c) { verified }
    }`;
    const res = await graphql(stack.gateway.url, query, {
      a: address,
      b: address.toLowerCase(),
      c: [address, address],
    });
    expect(res.data).toEqual({
      one: { verified: true },
      two: { verified: true },
      list: [{ verified: true }, { verified: true }],
    });
    expect((await stack.admin.stats())["POST /wallets/verify"]).toBe(1);
  });

  it("loads the request's session once and imports it into one Para instance, however many fields need it", async () => {
    const { session } = await stack.admin.createSession((await stack.admin.createUser()).userId);
    const imported = await graphql<{ importSession: { sessionToken: string } }>(stack.gateway.url, IMPORT, { session });
    const token = imported.data?.importSession.sessionToken as string;
    const imports = () =>
      metric(stack.gateway.url, 'para_gateway_upstream_calls_total\\{call="start-up",outcome="ok"\\}');
    const reads = () =>
      metric(stack.gateway.url, 'para_gateway_store_operations_total\\{operation="get",outcome="ok"\\}');
    const [importsBefore, readsBefore] = [await imports(), await reads()];
    const res = await graphql(
      stack.gateway.url,
      "{ a: session { active } b: session { active userId } c: session { identifier } }",
      {},
      bearer(token),
    );
    expect(res.errors).toBeUndefined();
    expect((await imports()) - importsBefore).toBe(1);
    expect((await reads()) - readsBefore).toBe(1);
  });
});
