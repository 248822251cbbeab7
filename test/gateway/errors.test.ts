import { afterEach, describe, expect, it } from "vitest";
import { startGatewayProcess } from "../support/gateway-process.js";
import { bearer, codes, graphql } from "../support/graphql.js";
import { IMPORT, ISSUE_JWT, KEEP_ALIVE, SESSION, VERIFY_SESSION, VERIFY_WALLET } from "../support/operations.js";
import { useStack } from "../support/stack.js";

const TIMEOUT_MS = 800;
// A high breaker threshold: this file checks how each failure is reported, not the breaker.
const stack = useStack({ PARA_TIMEOUT_MS: String(TIMEOUT_MS), PARA_BREAKER_THRESHOLD: "1000" });
afterEach(() => stack.admin.configure({ fault: { mode: "none" }, latencyMs: 0 }));

async function importedToken() {
  const user = await stack.admin.createUser({ walletTypes: ["EVM", "SOLANA"] });
  const { session, verificationToken } = await stack.admin.createSession(user.userId);
  const res = await graphql<{ importSession: { sessionToken: string } }>(stack.gateway.url, IMPORT, { session });
  expect(res.errors).toBeUndefined();
  return { user, token: res.data?.importSession.sessionToken as string, verificationToken };
}

describe("BAD_USER_INPUT", () => {
  it("for a session blob that is not what exportSession() makes", async () => {
    const blobs = [
      "not base64!",
      Buffer.from("not json").toString("base64"),
      Buffer.from(JSON.stringify({ userId: 1 })).toString("base64"),
    ];
    for (const session of blobs) {
      const res = await graphql(stack.gateway.url, IMPORT, { session });
      expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
      expect(res.errors?.[0]?.message).toMatch(/exportSession\(\)/);
    }
  });

  it("for an address that is malformed for its chain", async () => {
    for (const address of ["0x1234", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "cosmos1qqqqqqqq", "", "O0Il"]) {
      const res = await graphql(stack.gateway.url, VERIFY_WALLET, { address });
      expect({ address, codes: codes(res) }).toEqual({ address, codes: ["BAD_USER_INPUT"] });
    }
  });
});

describe("UNAUTHENTICATED", () => {
  it("when an operation needs a session and the request carries none, or an unknown one", async () => {
    expect(codes(await graphql(stack.gateway.url, ISSUE_JWT))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await graphql(stack.gateway.url, KEEP_ALIVE))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await graphql(stack.gateway.url, SESSION, {}, bearer("made-up-token")))).toEqual(["UNAUTHENTICATED"]);
  });
});

describe("SESSION_EXPIRED", () => {
  it("when the imported session has already expired", async () => {
    const user = await stack.admin.createUser();
    const { session, verificationToken } = await stack.admin.createSession(user.userId);
    await stack.admin.expireSession(verificationToken);
    const res = await graphql(stack.gateway.url, IMPORT, { session });
    expect(codes(res)).toEqual(["SESSION_EXPIRED"]);
  });

  it("when the session expires mid-flow", async () => {
    const { token, verificationToken } = await importedToken();
    expect(codes(await graphql(stack.gateway.url, ISSUE_JWT, {}, bearer(token)))).toEqual([]);
    await stack.admin.expireSession(verificationToken);
    expect(codes(await graphql(stack.gateway.url, ISSUE_JWT, {}, bearer(token)))).toEqual(["SESSION_EXPIRED"]);
    const kept = await graphql(stack.gateway.url, KEEP_ALIVE, {}, bearer(token));
    expect(kept.data).toEqual({
      keepSessionAlive: { alive: false, session: { expiresAt: expect.any(String), active: false } },
    });
    const read = await graphql<{ session: { active: boolean } }>(stack.gateway.url, SESSION, {}, bearer(token));
    expect(read.data?.session.active).toBe(false);
    expect((await graphql(stack.gateway.url, VERIFY_SESSION, { token: verificationToken })).data).toMatchObject({
      verifySession: { valid: false },
    });
  });
});

describe("UPSTREAM_UNAVAILABLE and UPSTREAM_ERROR", () => {
  it("answers UPSTREAM_UNAVAILABLE within the timeout when Para hangs", async () => {
    const { token, user } = await importedToken();
    await stack.admin.configure({ fault: { mode: "hang" } });
    for (const [query, variables, headers] of [
      [VERIFY_WALLET, { address: user.wallets[0]?.address }, {}],
      [ISSUE_JWT, {}, bearer(token)],
    ] as const) {
      const started = performance.now();
      const res = await graphql(stack.gateway.url, query, variables, headers);
      expect(codes(res)).toEqual(["UPSTREAM_UNAVAILABLE"]);
      expect(performance.now() - started).toBeLessThan(TIMEOUT_MS * 3);
    }
  });

  it("answers UPSTREAM_UNAVAILABLE when Para drops the connection", async () => {
    const { user } = await importedToken();
    await stack.admin.configure({ fault: { mode: "reset", routes: ["POST /wallets/verify"] } });
    expect(codes(await graphql(stack.gateway.url, VERIFY_WALLET, { address: user.wallets[0]?.address }))).toEqual([
      "UPSTREAM_UNAVAILABLE",
    ]);
  });

  it("tells an outage apart from a gone session on keepSessionAlive", async () => {
    const { token } = await importedToken();
    await stack.admin.configure({ fault: { mode: "hang" } });
    expect(codes(await graphql(stack.gateway.url, KEEP_ALIVE, {}, bearer(token)))).toEqual(["UPSTREAM_UNAVAILABLE"]);
    await stack.admin.configure({ fault: { mode: "error500", routes: ["POST /users/:userId/session/keep-alive"] } });
    expect(codes(await graphql(stack.gateway.url, KEEP_ALIVE, {}, bearer(token)))).toEqual(["UPSTREAM_ERROR"]);
  });

  it("answers UPSTREAM_ERROR when Para answers 500", async () => {
    const { token, user } = await importedToken();
    await stack.admin.configure({ fault: { mode: "error500", routes: ["POST /auth/jwt", "POST /wallets/verify"] } });
    expect(codes(await graphql(stack.gateway.url, ISSUE_JWT, {}, bearer(token)))).toEqual(["UPSTREAM_ERROR"]);
    expect(codes(await graphql(stack.gateway.url, VERIFY_WALLET, { address: user.wallets[0]?.address }))).toEqual([
      "UPSTREAM_ERROR",
    ]);
  });

  it("keeps serving once Para is back", async () => {
    const { token } = await importedToken();
    const res = await graphql<{ session: { active: boolean } }>(stack.gateway.url, SESSION, {}, bearer(token));
    expect(res.data?.session.active).toBe(true);
  });
});

describe("NOT_CONFIGURED", () => {
  it("when the verify operations are asked of a gateway without a secret key", async () => {
    const bare = await startGatewayProcess({ PARA_SECRET_API_KEY: undefined });
    try {
      const wallet = await graphql(bare.url, VERIFY_WALLET, { address: `0x${"11".repeat(20)}` });
      expect(codes(wallet)).toEqual(["NOT_CONFIGURED"]);
      expect(wallet.errors?.[0]?.message).toMatch(/PARA_SECRET_API_KEY/);
      expect(codes(await graphql(bare.url, VERIFY_SESSION, { token: "abc" }))).toEqual(["NOT_CONFIGURED"]);
    } finally {
      await bare.stop();
    }
  });

  it("when Para rejects the secret key", async () => {
    const wrong = await startGatewayProcess({ PARA_SECRET_API_KEY: "dev_secret_wrong" });
    try {
      expect(codes(await graphql(wrong.url, VERIFY_SESSION, { token: "abc" }))).toEqual(["NOT_CONFIGURED"]);
    } finally {
      await wrong.stop();
    }
  });
});

describe("configuration", () => {
  it("refuses to start with one clear message per problem", async () => {
    const failed = startGatewayProcess({
      PARA_ENV: "MAINNET",
      PARA_API_KEY: undefined,
      SESSION_ENCRYPTION_KEY: "short",
      SESSION_STORE: "postgres://x",
    });
    await expect(failed).rejects.toThrow(/exited with 78/);
    const message = await failed.catch((e: Error) => e.message);
    expect(message).toMatch(/PARA_ENV must be one of DEV, SANDBOX, BETA, PROD/);
    expect(message).toMatch(/PARA_API_KEY is required/);
    expect(message).toMatch(/SESSION_ENCRYPTION_KEY must be 32 bytes/);
    expect(message).toMatch(/SESSION_STORE must be memory, sqlite:<path> or redis:\/\//);
  });
});
