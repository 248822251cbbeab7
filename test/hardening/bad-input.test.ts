import { afterEach, describe, expect, it } from "vitest";
import { bearer, codes, graphql } from "../support/graphql.js";
import { IMPORT, SESSION, VERIFY_WALLET, VERIFY_WALLETS } from "../support/operations.js";
import { useStack } from "../support/stack.js";

const stack = useStack({
  MAX_SESSION_BYTES: "8192",
  MAX_REQUEST_BYTES: "65536",
  MAX_ADDRESSES: "10",
  MAX_COST: "150",
});
// Whatever came before, the server still serves.
afterEach(async () => {
  expect((await fetch(new URL("/health", stack.gateway.url))).status).toBe(200);
});

const b64 = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64");

async function validBlob() {
  return (await stack.admin.createSession((await stack.admin.createUser()).userId)).session;
}

function decoded(blob: string) {
  return JSON.parse(Buffer.from(blob, "base64").toString("utf8")) as Record<string, unknown> & {
    wallets: Record<string, Record<string, unknown>>;
  };
}

async function expectCode(res: Promise<Awaited<ReturnType<typeof graphql>>>, code: string, message?: RegExp) {
  const r = await res;
  expect(r.status).toBeLessThan(500);
  expect(codes(r)).toEqual([code]);
  if (message) expect(r.errors?.[0]?.message).toMatch(message);
  expect(JSON.stringify(r.errors)).not.toMatch(/\n\s+at |node_modules/);
}

describe("session blobs", () => {
  it("refuses each malformed kind with BAD_USER_INPUT and a message that says what is wrong", async () => {
    const good = decoded(await validBlob());
    const { userId: _u, ...noUser } = good;
    const { sessionCookie: _c, ...noCookie } = good;
    const unknownType = structuredClone(good);
    for (const w of Object.values(unknownType.wallets)) w.type = "DOGE";
    const cases: [string, RegExp][] = [
      ["%%% not base64 %%%", /not base64/],
      [b64("this is not json"), /not of JSON/],
      [b64([1, 2, 3]), /shape/],
      [b64({ hello: "world" }), /shape/],
      [b64(noUser), /userId/],
      [b64(noCookie), /sessionCookie/],
      [b64(unknownType), /wallet type must be one of EVM, SOLANA, COSMOS/],
      ["", /empty/],
      ["QUFB".repeat(3000), /larger than 8192 bytes/],
    ];
    for (const [session, message] of cases)
      await expectCode(graphql(stack.gateway.url, IMPORT, { session }), "BAD_USER_INPUT", message);
  });

  it("answers SESSION_EXPIRED for an expired blob and for another Para app's blob", async () => {
    const user = await stack.admin.createUser();
    const { session, verificationToken } = await stack.admin.createSession(user.userId);
    await stack.admin.expireSession(verificationToken);
    await expectCode(graphql(stack.gateway.url, IMPORT, { session }), "SESSION_EXPIRED");

    const other = await stack.admin.createPartner({ name: "Another app" });
    const stranger = await stack.admin.createUser({ partnerId: other.id });
    const foreign = await stack.admin.createSession(stranger.userId);
    await expectCode(
      graphql(stack.gateway.url, IMPORT, { session: foreign.session }),
      "SESSION_EXPIRED",
      /another Para app/,
    );
  });

  it("gives the same valid blob imported twice two handles, both usable", async () => {
    const session = await validBlob();
    const first = await graphql<{ importSession: { sessionToken: string } }>(stack.gateway.url, IMPORT, { session });
    const second = await graphql<{ importSession: { sessionToken: string } }>(stack.gateway.url, IMPORT, { session });
    const tokens = [first, second].map((r) => r.data?.importSession.sessionToken as string);
    expect(tokens[0]).not.toBe(tokens[1]);
    for (const token of tokens) {
      expect(
        (await graphql<{ session: { active: boolean } }>(stack.gateway.url, SESSION, {}, bearer(token))).data?.session
          .active,
      ).toBe(true);
    }
  });
});

describe("addresses", () => {
  it("refuses malformed addresses with BAD_USER_INPUT", async () => {
    const cases: [string, RegExp][] = [
      ["0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea", /40 hex digits/],
      ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", /checksum/],
      ["bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", /Cosmos/],
      ["TJRabPrwbZy45sbavfcjinPJC18kjpRTv8", /Solana/],
      ["", /empty/],
      [`0x${"a".repeat(10_000)}`, /longer than/],
      ["0x5аaeb6053f3e94c9b9a09f33669435e7ef1beaed", /40 hex digits/],
      ["𝟎x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", /Not an EVM/],
    ];
    for (const [address, message] of cases) {
      await expectCode(graphql(stack.gateway.url, VERIFY_WALLET, { address }), "BAD_USER_INPUT", message);
    }
  });

  it("answers verifyWallets per address: a malformed entry says its problem, the others are checked", async () => {
    const owner = await stack.admin.createUser();
    const good = owner.wallets[0]?.address as string;
    type Answer = { address: string; verified: boolean; problem: { code: string; message: string } | null };
    const res = await graphql<{ verifyWallets: Answer[] }>(
      stack.gateway.url,
      "query V($addresses: [String!]!) { verifyWallets(addresses: $addresses) { address verified problem { code message } } }",
      { addresses: [good, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", `0x${"00".repeat(20)}`] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.verifyWallets[0]).toEqual({ address: good, verified: true, problem: null });
    expect(res.data?.verifyWallets[1]).toMatchObject({
      verified: false,
      problem: { code: "EVM_CHECKSUM", message: expect.stringMatching(/checksum/) },
    });
    expect(res.data?.verifyWallets[2]).toMatchObject({ verified: false, problem: null });
  });

  it("answers BAD_USER_INPUT for a keyIndex Para has no key at, not an upstream error", async () => {
    const imported = await graphql<{ importSession: { sessionToken: string } }>(stack.gateway.url, IMPORT, {
      session: await validBlob(),
    });
    const token = imported.data?.importSession.sessionToken as string;
    await expectCode(
      graphql(stack.gateway.url, "mutation { issueJwt(keyIndex: 5) { token } }", {}, bearer(token)),
      "BAD_USER_INPUT",
      /no signing key at keyIndex 5/,
    );
  });

  it("refuses verifyWallets over the configured maximum list length", async () => {
    const addresses = Array.from({ length: 11 }, (_, i) => `0x${(i + 1).toString(16).padStart(40, "0")}`);
    await expectCode(
      graphql(stack.gateway.url, VERIFY_WALLETS, { addresses }),
      "BAD_USER_INPUT",
      /At most 10 addresses/,
    );
  });
});

describe("requests", () => {
  async function post(body: string, headers: Record<string, string> = { "content-type": "application/json" }) {
    const res = await fetch(stack.gateway.url, { method: "POST", headers, body });
    const json = (await res.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    return { status: res.status, codes: (json.errors ?? []).map((e) => e.extensions?.code) };
  }
  const many = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join(" ");

  it("answers each bad request with a coded error", async () => {
    expect(await post("{not json")).toMatchObject({ status: 400, codes: ["BAD_REQUEST"] });
    expect(await post("<a/>", { "content-type": "text/xml" })).toMatchObject({
      status: 415,
      codes: ["UNSUPPORTED_MEDIA_TYPE"],
    });
    expect(await post(JSON.stringify({ query: "{ session { userId } }", pad: "x".repeat(70_000) }))).toMatchObject({
      status: 413,
      codes: ["REQUEST_ENTITY_TOO_LARGE"],
    });
    // A body without a length is refused before it is read: the limit is judged by Content-Length.
    const chunked = await fetch(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new Blob([JSON.stringify({ query: "{ __typename }" })]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(411);
    expect(await chunked.json()).toMatchObject({ errors: [{ extensions: { code: "LENGTH_REQUIRED" } }] });
    const batch = JSON.stringify(Array.from({ length: 6 }, () => ({ query: "{ session { userId } }" })));
    expect(await post(batch)).toMatchObject({ codes: ["BAD_REQUEST"] });
    expect(await post(JSON.stringify({ query: "{ session { wallets { id " }))).toMatchObject({
      codes: ["GRAPHQL_PARSE_FAILED"],
    });
  });

  it("stops deep, wide and alias-multiplied operations before they reach Para", async () => {
    await stack.admin.resetStats();
    const aliased = `{ ${many(16, (i) => `a${i}: verifyWallet(address: "0x${String(i + 1).padStart(40, "0")}") { verified }`)} }`;
    expect(await post(JSON.stringify({ query: aliased }))).toMatchObject({ codes: ["QUERY_TOO_COMPLEX"] });
    const wide = `{ ${many(12, (i) => `s${i}: session { userId identifier wallets { id type address publicKey } }`)} }`;
    const costly = await post(JSON.stringify({ query: wide }));
    expect(costly.codes).toContain("QUERY_TOO_COMPLEX");
    const tokens = `{ session { ${many(1200, () => "userId")} } }`;
    expect(await post(JSON.stringify({ query: tokens }))).toMatchObject({ codes: ["QUERY_TOO_COMPLEX"] });
    expect((await stack.admin.stats())["POST /wallets/verify"]).toBeUndefined();
  });

  it("refuses introspection in production, and serves no GraphiQL there", async () => {
    const res = await post(JSON.stringify({ query: "{ __schema { queryType { name } } }" }));
    expect(res.codes[0]).toBe("GRAPHQL_VALIDATION_FAILED");
    const page = await fetch(stack.gateway.url, { headers: { accept: "text/html" } });
    // A page that says GraphiQL is off, without GraphiQL's app (its scripts).
    const text = await page.text();
    expect(text).not.toMatch(/<script/i);
    expect(text).toMatch(/GraphiQL is off/);
  });
});

describe("tokens", () => {
  it("answers UNAUTHENTICATED for unknown and tampered tokens, and never serves another user's session", async () => {
    const session = await validBlob();
    const res = await graphql<{ importSession: { sessionToken: string; session: { userId: string } } }>(
      stack.gateway.url,
      IMPORT,
      { session },
    );
    const token = res.data?.importSession.sessionToken as string;
    const tampered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    for (const t of ["unknown", tampered, `${token}x`, token.toUpperCase()]) {
      await expectCode(graphql(stack.gateway.url, SESSION, {}, bearer(t)), "UNAUTHENTICATED");
    }
    const mine = await graphql<{ session: { userId: string } }>(stack.gateway.url, SESSION, {}, bearer(token));
    expect(mine.data?.session.userId).toBe(res.data?.importSession.session.userId);
  });

  it("forgets a session once the expiry Para gave has passed", async () => {
    await stack.admin.configure({ sessionLengthSeconds: 1 });
    const session = await validBlob();
    const res = await graphql<{ importSession: { sessionToken: string } }>(stack.gateway.url, IMPORT, { session });
    await stack.admin.configure({ sessionLengthSeconds: 1800 });
    const token = res.data?.importSession.sessionToken as string;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await expectCode(graphql(stack.gateway.url, SESSION, {}, bearer(token)), "UNAUTHENTICATED", /expired/);
  });
});
