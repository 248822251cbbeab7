import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorUser } from "../../src/emulator/admin-client.js";
import { Upstream } from "../../src/para/upstream.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { bearer, codes, graphql } from "../support/graphql.js";
import { IMPORT, ISSUE_JWT, SESSION, VERIFY_SESSION, VERIFY_WALLET, VERIFY_WALLETS } from "../support/operations.js";
import { run } from "../support/run.js";
import { useEmulator } from "../support/stack.js";
import { workerEnv } from "../support/worker-host.js";

const emulator = useEmulator();

type Blob = Record<string, unknown> & {
  userId: string;
  authInfo: { auth: Record<string, string>; authType: string; identifier: string };
  wallets: Record<string, Record<string, unknown>>;
  currentWalletIds: Record<string, string[]>;
  sessionCookie: string;
  externalWallets?: Record<string, unknown>;
};
const decode = (blob: string) => JSON.parse(Buffer.from(blob, "base64").toString("utf8")) as Blob;
const encode = (json: unknown) => Buffer.from(JSON.stringify(json)).toString("base64");

interface Imported {
  importSession: {
    sessionToken: string;
    session: { userId: string; identifier: string; expiresAt: string; wallets: { id: string; address: string }[] };
  };
}

async function liveSession(email?: string) {
  const user = await emulator.admin.createUser({ email, walletTypes: ["EVM", "SOLANA"] });
  const { session } = await emulator.admin.createSession(user.userId, { excludeSigners: true });
  return { user, session, json: decode(session) };
}

describe("identity comes from Para, never from the blob", () => {
  let gateway: GatewayProcess;
  let alice: Awaited<ReturnType<typeof liveSession>>;
  let bob: Awaited<ReturnType<typeof liveSession>>;
  let bobToken: string;
  beforeAll(async () => {
    gateway = await startGatewayProcess();
    alice = await liveSession("alice-sec@example.com");
    bob = await liveSession("bob-sec@example.com");
    const res = await graphql<Imported>(gateway.url, IMPORT, { session: bob.session });
    bobToken = res.data?.importSession.sessionToken as string;
  });
  afterAll(() => gateway?.stop());

  const refused = async (forged: unknown, code: string, message?: RegExp) => {
    const res = await graphql<Imported>(gateway.url, IMPORT, { session: encode(forged) });
    expect(codes(res)).toEqual([code]);
    if (message) expect(res.errors?.[0]?.message).toMatch(message);
    expect(res.data).toBeNull();
  };

  it("refuses Alice's live session claiming Bob's userId", async () => {
    await refused({ ...alice.json, userId: bob.user.userId }, "BAD_USER_INPUT", /does not match what Para knows/);
  });

  it("refuses Alice's live session claiming Bob's e-mail", async () => {
    const authInfo = { auth: { email: bob.user.identifier }, authType: "email", identifier: bob.user.identifier };
    await refused({ ...alice.json, authInfo }, "BAD_USER_INPUT", /authInfo.identifier differs/);
  });

  it("refuses Alice's live session with one of Bob's wallets added, or her wallet's address swapped", async () => {
    const bobWallet = Object.values(bob.json.wallets)[0] as Record<string, unknown>;
    await refused(
      {
        ...alice.json,
        wallets: { ...alice.json.wallets, [bobWallet.id as string]: { ...bobWallet, userId: alice.user.userId } },
      },
      "BAD_USER_INPUT",
      /wallets\..* differs/,
    );
    const [id, wallet] = Object.entries(alice.json.wallets)[0] as [string, Record<string, unknown>];
    await refused(
      { ...alice.json, wallets: { ...alice.json.wallets, [id]: { ...wallet, address: bobWallet.address } } },
      "BAD_USER_INPUT",
      /wallets\..* differs/,
    );
  });

  it("refuses a connection-only blob with a made-up cookie, which the SDK alone calls active", async () => {
    const address = `0x${"ab".repeat(20)}`;
    await refused(
      {
        ...alice.json,
        wallets: {},
        currentWalletIds: {},
        sessionCookie: "capsule.sid=forged; Path=/; Expires=Fri, 31 Dec 9999 23:59:59 GMT",
        externalWallets: { [address]: { id: address, address, type: "EVM", isConnectionOnly: true, isExternal: true } },
      },
      "SESSION_EXPIRED",
    );
  });

  it("takes the expiry from Para, not from a cookie claiming 9999", async () => {
    const cookie = alice.json.sessionCookie.replace(/Expires=[^;]+/, "Expires=Fri, 31 Dec 9999 23:59:59 GMT");
    const res = await graphql<Imported>(gateway.url, IMPORT, {
      session: encode({ ...alice.json, sessionCookie: cookie }),
    });
    expect(codes(res)).toEqual([]);
    const expiresAt = Date.parse(res.data?.importSession.session.expiresAt as string);
    // The emulator's session length is 30 minutes: Para's word, whatever the cookie string said.
    expect(expiresAt).toBeGreaterThan(Date.now() + 29 * 60_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 30 * 60_000 + 5_000);
    const maxAge = Number(/Max-Age=(\d+)/.exec(res.headers.get("set-cookie") ?? "")?.[1]);
    expect(maxAge).toBeLessThanOrEqual(30 * 60 + 5);
    expect(res.data?.importSession.session.userId).toBe(alice.user.userId);
  });

  it("reports only Para's wallets and drops fields the gateway does not know", async () => {
    const json = { ...alice.json, madeUp: "x".repeat(10) };
    const [id, wallet] = Object.entries(json.wallets)[0] as [string, Record<string, unknown>];
    json.wallets = { [id]: { ...wallet, injected: "field" } };
    const res = await graphql<Imported>(gateway.url, IMPORT, { session: encode(json) });
    expect(codes(res)).toEqual([]);
    // The blob named one wallet; Para says Alice has two, and Para's answer is what is reported.
    expect(res.data?.importSession.session.wallets.map((w) => w.id).sort()).toEqual(
      alice.user.wallets.map((w) => w.id).sort(),
    );
  });

  it("leaves what Bob sees untouched by all of the above", async () => {
    const res = await graphql<{ session: { userId: string; identifier: string; active: boolean } }>(
      gateway.url,
      SESSION,
      {},
      bearer(bobToken),
    );
    expect(res.data?.session).toMatchObject({ userId: bob.user.userId, identifier: bob.user.identifier, active: true });
  });
});

describe("bad input never reaches everyone", () => {
  let gateway: GatewayProcess;
  let user: EmulatorUser;
  beforeAll(async () => {
    gateway = await startGatewayProcess({ PARA_BREAKER_THRESHOLD: "5", WALLET_CACHE_SIZE: "0" });
    user = await emulator.admin.createUser();
  });
  afterAll(() => gateway?.stop());

  it("20 crafted imports, then honest imports, session, issueJwt and verifyWallet all succeed at once", async () => {
    const { session } = await emulator.admin.createSession(user.userId);
    const json = decode(session);
    const crafted = [
      { ...json, currentWalletIds: undefined },
      { ...json, currentWalletIds: null },
      { ...json, wallets: { x: { id: "x", type: "EVM", address: 5 } } },
      { ...json, authInfo: null },
      { ...json, sessionCookie: "" },
    ];
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        graphql(gateway.url, IMPORT, { session: encode(crafted[i % crafted.length]) }),
      ),
    );
    // Each is either refused as the client's error or (a missing currentWalletIds is derived) imported; none is Para's failure.
    for (const res of answers) expect(codes(res)[0] ?? "OK").toMatch(/^(OK|BAD_USER_INPUT|SESSION_EXPIRED)$/);
    expect(answers.filter((res) => codes(res)[0] === "BAD_USER_INPUT").length).toBeGreaterThanOrEqual(12);
    const honest = await graphql<Imported>(gateway.url, IMPORT, {
      session: (await emulator.admin.createSession(user.userId)).session,
    });
    expect(codes(honest)).toEqual([]);
    const token = honest.data?.importSession.sessionToken as string;
    const [read, jwt, wallet] = await Promise.all([
      graphql<{ session: { active: boolean } }>(gateway.url, SESSION, {}, bearer(token)),
      graphql(gateway.url, ISSUE_JWT, {}, bearer(token)),
      graphql<{ verifyWallet: { verified: boolean } }>(gateway.url, VERIFY_WALLET, {
        address: user.wallets[0]?.address,
      }),
    ]);
    expect(read.data?.session.active).toBe(true);
    expect(codes(jwt)).toEqual([]);
    expect(wallet.data?.verifyWallet.verified).toBe(true);
  });

  it("a local error is not an outage: neither retried nor counted by a breaker", async () => {
    const upstream = new Upstream({
      para: { timeoutMs: 1000, breakerThreshold: 2, breakerCooldownMs: 60_000 },
    } as never);
    let runs = 0;
    for (let i = 0; i < 5; i++) {
      const failed = upstream.call(
        "touch",
        { idempotent: true, onAuthRejected: () => new Error() as never },
        async () => {
          runs++;
          throw new TypeError("Cannot convert undefined or null to object");
        },
      );
      await expect(failed).rejects.toMatchObject({ extensions: { code: "INTERNAL_SERVER_ERROR" } });
    }
    expect(runs).toBe(5);
    expect(
      await upstream.call("touch", { idempotent: true, onAuthRejected: () => new Error() as never }, async () => "ok"),
    ).toBe("ok");
  });
});

describe("verify operations are for backends", () => {
  const key = randomBytes(24).toString("hex");
  let production: GatewayProcess;
  let open: GatewayProcess;
  let address: string;
  beforeAll(async () => {
    [production, open] = await Promise.all([
      startGatewayProcess({ VERIFY_ACCESS: undefined, GATEWAY_API_KEYS: `${randomBytes(24).toString("hex")},${key}` }),
      startGatewayProcess({ VERIFY_ACCESS: "public" }),
    ]);
    address = (await emulator.admin.createUser()).wallets[0]?.address as string;
  });
  afterAll(() => Promise.all([production?.stop(), open?.stop()]));

  it("refuses callers without a gateway key in production, and accepts one of the configured keys", async () => {
    for (const headers of [{}, { "x-gateway-key": "wrong-key-of-some-length" }] as Record<string, string>[]) {
      expect(codes(await graphql(production.url, VERIFY_WALLET, { address }, headers))).toEqual(["UNAUTHENTICATED"]);
      expect(codes(await graphql(production.url, VERIFY_WALLETS, { addresses: [address] }, headers))).toEqual([
        "UNAUTHENTICATED",
      ]);
      expect(codes(await graphql(production.url, VERIFY_SESSION, { token: "abc" }, headers))).toEqual([
        "UNAUTHENTICATED",
      ]);
    }
    const ok = await graphql<{ verifyWallet: { verified: boolean } }>(
      production.url,
      VERIFY_WALLET,
      { address },
      {
        "x-gateway-key": key,
      },
    );
    expect(ok.data?.verifyWallet.verified).toBe(true);
  });

  it("is open with VERIFY_ACCESS=public", async () => {
    const ok = await graphql<{ verifyWallet: { verified: boolean } }>(open.url, VERIFY_WALLET, { address });
    expect(ok.data?.verifyWallet.verified).toBe(true);
  });
});

describe("budgets that count what reaches Para", () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGatewayProcess({
      RATE_LIMITS: "on",
      RATE_LIMIT_VERIFY: "150",
      RATE_LIMIT_UNKNOWN_SESSIONS: "5",
      RATE_LIMIT_IMPORTS: "2",
      TRUST_PROXY: "1",
      MAX_COST: "1000000",
    });
  });
  afterAll(() => gateway?.stop());

  const evm = () => `0x${randomBytes(20).toString("hex")}`;
  const lower = (a: string) => a.toLowerCase();

  it("charges a request of 5 operations × 15 aliases × 100 addresses by distinct address", async () => {
    const addresses = Array.from({ length: 100 }, () => lower(evm()));
    const aliases = Array.from({ length: 15 }, (_, i) => `a${i}: verifyWallets(addresses: $addresses) { verified }`);
    const query = `query Many($addresses: [String!]!) { ${aliases.join(" ")} }`;
    const batch = (list: string[], from: string) =>
      fetch(gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": from },
        body: JSON.stringify(Array.from({ length: 5 }, () => ({ query, variables: { addresses: list } }))),
      }).then((r) => r.json() as Promise<{ errors?: { extensions: { code: string } }[] }[]>);
    await emulator.admin.resetStats();
    const first = await batch(addresses, "198.51.100.1");
    expect(first.map((r) => r.errors ?? [])).toEqual(Array.from({ length: 5 }, () => []));
    expect((await emulator.admin.stats())["POST /wallets/verify"]).toBe(100);
    // 100 of 150 units spent: the same addresses again cost nothing (cached), 60 new ones are too many.
    expect((await batch(addresses, "198.51.100.1")).every((r) => !r.errors)).toBe(true);
    const more = await batch(
      Array.from({ length: 60 }, () => lower(evm())),
      "198.51.100.1",
    );
    expect(more[0]?.errors?.[0]?.extensions.code).toBe("RATE_LIMITED");
    // Another client has a budget of its own.
    expect((await batch([lower(evm())], "198.51.100.2")).every((r) => !r.errors)).toBe(true);
  });

  it("counts unknown session handles per client, before the store is asked", async () => {
    const from = { "x-forwarded-for": "198.51.100.7" };
    for (let i = 0; i < 5; i++) {
      const res = await graphql(
        gateway.url,
        SESSION,
        {},
        { ...from, ...bearer(randomBytes(32).toString("base64url")) },
      );
      expect(codes(res)).toEqual(["UNAUTHENTICATED"]);
    }
    const guessed = await graphql(
      gateway.url,
      SESSION,
      {},
      { ...from, ...bearer(randomBytes(32).toString("base64url")) },
    );
    expect(codes(guessed)).toEqual(["RATE_LIMITED"]);
    expect(
      codes(
        await graphql(gateway.url, "mutation { endSession { ended } }", {}, { ...from, ...bearer("x".repeat(43)) }),
      ),
    ).toEqual(["RATE_LIMITED"]);
  });

  it("takes the client address TRUST_PROXY hops from the right of X-Forwarded-For, not the leftmost entry", async () => {
    const blob = async () => (await emulator.admin.createSession((await emulator.admin.createUser()).userId)).session;
    const via = (spoof: string) => ({ "x-forwarded-for": `${spoof}, 198.51.100.9` });
    expect(codes(await graphql(gateway.url, IMPORT, { session: await blob() }, via("1.1.1.1")))).toEqual([]);
    expect(codes(await graphql(gateway.url, IMPORT, { session: await blob() }, via("2.2.2.2")))).toEqual([]);
    expect(codes(await graphql(gateway.url, IMPORT, { session: await blob() }, via("3.3.3.3")))).toEqual([
      "RATE_LIMITED",
    ]);
  });
});

describe("leaks and defaults", () => {
  it("keeps URLs out of /metrics labels, and serves /metrics on METRICS_PORT when set", async () => {
    const gateway = await startGatewayProcess({ METRICS_PORT: "0" });
    try {
      const metricsPort = gateway.logs.find((l) => l.msg === "gateway listening")?.metricsPort as number;
      expect(metricsPort).toBeGreaterThan(0);
      const marker = `marker${randomBytes(6).toString("hex")}`;
      for (let i = 0; i < 50; i++) {
        const url = `${gateway.url}?query=${encodeURIComponent("{ __typename }")}&verificationToken=${marker}${i}`;
        expect((await fetch(url, { headers: { "x-graphql-yoga-csrf": "1" } })).status).toBe(200);
      }
      expect((await fetch(new URL("/metrics", gateway.url))).status).toBe(404);
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      expect(text).toMatch(/graphql_yoga_http_duration_count/);
      expect(text).not.toContain(marker);
      const series = text.split("\n").filter((l) => l.startsWith("graphql_yoga_http_duration_count"));
      expect(series.length).toBeLessThan(5);
    } finally {
      await gateway.stop();
    }
  });

  it("sends Vary: Origin", async () => {
    const gateway = await startGatewayProcess({ CORS_ORIGINS: "https://app.example.com" });
    try {
      for (const origin of ["https://app.example.com", "https://evil.example"]) {
        const res = await graphql(gateway.url, "{ __typename }", {}, { origin });
        expect(res.headers.get("vary") ?? "").toMatch(/Origin/i);
      }
    } finally {
      await gateway.stop();
    }
  });

  const npmStart = (env: Record<string, string>) =>
    run(["npm", "start"], {
      env: {
        PATH: process.env.PATH,
        PARA_ENV: "DEV",
        PARA_API_KEY: "dev_public_demo",
        PORT: "0",
        ...workerEnv,
        ...env,
      },
      timeoutMs: 60_000,
    });

  it("npm start without a mode is production: no key, HOST=0.0.0.0 exits with a clear message and serves nothing", async () => {
    const { code, output } = await npmStart({ HOST: "0.0.0.0" });
    expect(code).not.toBe(0);
    expect(output).toMatch(/SESSION_ENCRYPTION_KEY is required outside dev mode/);
    expect(output).not.toMatch(/gateway listening/);
  });

  it("refuses the well-known dev key off loopback, and a plain-http PARA_API_URL outside dev mode", async () => {
    const dev = await npmStart({ NODE_ENV: "development", HOST: "0.0.0.0" });
    expect(dev.output).toMatch(/SESSION_ENCRYPTION_KEY is required when HOST \(0\.0\.0\.0\) is not loopback/);
    const http = await npmStart({
      SESSION_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      PARA_API_URL: "http://para.example.com",
      HOST: "127.0.0.1",
    });
    expect(http.output).toMatch(/PARA_API_URL must be https:\/\/ outside dev mode/);
  });
});
