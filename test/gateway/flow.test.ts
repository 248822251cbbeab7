import { createRemoteJWKSet, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import type { EmulatorUser } from "../../src/emulator/admin-client.js";
import { bearer, codes, graphql } from "../support/graphql.js";
import {
  END_SESSION,
  IMPORT,
  ISSUE_JWT,
  KEEP_ALIVE,
  SESSION,
  VERIFY_SESSION,
  VERIFY_WALLET,
} from "../support/operations.js";
import { useStack } from "../support/stack.js";

const stack = useStack();

interface Imported {
  importSession: {
    sessionToken: string;
    session: {
      userId: string;
      active: boolean;
      signersPresent: boolean;
      expiresAt: string;
      wallets: { address: string }[];
    };
  };
}

async function importFor(user: EmulatorUser, options: { excludeSigners?: boolean } = {}) {
  const { session, verificationToken } = await stack.admin.createSession(user.userId, options);
  const res = await graphql<Imported>(stack.gateway.url, IMPORT, { session });
  expect(res.errors).toBeUndefined();
  return { token: res.data?.importSession.sessionToken as string, res, verificationToken };
}

describe("a full session flow over HTTP", () => {
  it("imports, reads, issues a JWT, keeps alive, verifies and ends", async () => {
    const user = await stack.admin.createUser({ email: "flow@example.com", walletTypes: ["EVM", "SOLANA", "COSMOS"] });
    const { token, res, verificationToken } = await importFor(user);
    expect(res.data?.importSession.session).toMatchObject({
      userId: user.userId,
      authType: "EMAIL",
      identifier: "flow@example.com",
      active: true,
      signersPresent: false,
      wallets: user.wallets,
    });

    const read = await graphql<{ session: { userId: string; active: boolean } }>(
      stack.gateway.url,
      SESSION,
      {},
      bearer(token),
    );
    expect(read.data?.session).toMatchObject({ userId: user.userId, active: true });

    const jwt = await graphql<{ issueJwt: { token: string; keyId: string; claims: Record<string, unknown> } }>(
      stack.gateway.url,
      ISSUE_JWT,
      {},
      bearer(token),
    );
    expect(jwt.errors).toBeUndefined();
    const issued = jwt.data?.issueJwt;
    const jwks = createRemoteJWKSet(new URL(`${stack.emulator.url}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(issued?.token ?? "", jwks, { algorithms: ["RS256"] });
    expect(protectedHeader.kid).toBe(issued?.keyId);
    expect(payload.sub).toBe(user.userId);
    expect(issued?.claims).toMatchObject({
      userId: user.userId,
      subject: user.userId,
      audience: payload.aud,
      authType: "EMAIL",
      identifier: "flow@example.com",
      email: "flow@example.com",
      phone: null,
      wallets: user.wallets,
      expiresAt: new Date((payload.exp ?? 0) * 1000).toISOString(),
    });

    const kept = await graphql<{ keepSessionAlive: { alive: boolean; session: { active: boolean } } }>(
      stack.gateway.url,
      KEEP_ALIVE,
      {},
      bearer(token),
    );
    expect(kept.data?.keepSessionAlive).toMatchObject({ alive: true, session: { active: true } });

    const wallet = await graphql(stack.gateway.url, VERIFY_WALLET, { address: user.wallets[1]?.address });
    expect(wallet.data).toEqual({
      verifyWallet: { address: user.wallets[1]?.address, verified: true, walletId: user.wallets[1]?.id },
    });

    const verified = await graphql(stack.gateway.url, VERIFY_SESSION, { token: verificationToken });
    expect(verified.data).toEqual({
      verifySession: {
        valid: true,
        userId: user.userId,
        authType: "EMAIL",
        identifier: "flow@example.com",
        oAuthMethod: null,
      },
    });

    const ended = await graphql(stack.gateway.url, END_SESSION, {}, bearer(token));
    expect(ended.data).toEqual({ endSession: { ended: true } });
    const after = await graphql(stack.gateway.url, SESSION, {}, bearer(token));
    expect(codes(after)).toEqual(["UNAUTHENTICATED"]);
  });

  it("moves the session's expiry on keepSessionAlive", async () => {
    await stack.admin.configure({ sessionLengthSeconds: 60 });
    const { token, res } = await importFor(await stack.admin.createUser());
    await stack.admin.configure({ sessionLengthSeconds: 3600 });
    const kept = await graphql<{ keepSessionAlive: { session: { expiresAt: string } } }>(
      stack.gateway.url,
      KEEP_ALIVE,
      {},
      bearer(token),
    );
    const before = Date.parse(res.data?.importSession.session.expiresAt ?? "");
    const afterKeepAlive = Date.parse(kept.data?.keepSessionAlive.session.expiresAt ?? "");
    expect(afterKeepAlive - before).toBeGreaterThan(3000 * 1000);
    const read = await graphql<{ session: { expiresAt: string } }>(stack.gateway.url, SESSION, {}, bearer(token));
    expect(read.data?.session.expiresAt).toBe(kept.data?.keepSessionAlive.session.expiresAt);
    await stack.admin.configure({ sessionLengthSeconds: 1800 });
  });

  it("keeps signers out of the store unless asked, and says so", async () => {
    const { res } = await importFor(await stack.admin.createUser());
    expect(res.data?.importSession.session.signersPresent).toBe(false);
  });
});

describe("the session cookie", () => {
  it("is __Host-, Secure, HttpOnly, SameSite=Lax, lives no longer than the session, and authenticates the browser", async () => {
    await stack.admin.configure({ sessionLengthSeconds: 600 });
    const { token, res } = await importFor(await stack.admin.createUser());
    await stack.admin.configure({ sessionLengthSeconds: 1800 });
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toContain(`__Host-para_session=${token}`);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    // Production: always Secure, Path=/ and no Domain, as the __Host- prefix requires.
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Domain/i);
    const maxAge = Number(/Max-Age=(\d+)/.exec(setCookie)?.[1]);
    expect(maxAge).toBeGreaterThan(590);
    expect(maxAge).toBeLessThanOrEqual(600);

    const viaCookie = await graphql<{ session: { active: boolean } }>(
      stack.gateway.url,
      SESSION,
      {},
      { cookie: `__Host-para_session=${token}` },
    );
    expect(viaCookie.data?.session.active).toBe(true);
    const ended = await graphql(stack.gateway.url, END_SESSION, {}, { cookie: `__Host-para_session=${token}` });
    expect(ended.data).toEqual({ endSession: { ended: true } });
    expect(ended.headers.get("set-cookie")).toMatch(/__Host-para_session=;.*Max-Age=0/);
  });

  it("yields to a bearer token when both are sent", async () => {
    const alice = await importFor(await stack.admin.createUser({ email: "alice-cookie@example.com" }));
    const bob = await importFor(await stack.admin.createUser({ email: "bob-bearer@example.com" }));
    const res = await graphql<{ session: { identifier: string } }>(
      stack.gateway.url,
      SESSION,
      {},
      {
        cookie: `__Host-para_session=${alice.token}`,
        ...bearer(bob.token),
      },
    );
    expect(res.data?.session.identifier).toBe("bob-bearer@example.com");
  });

  it("answers null for a request that carries no session", async () => {
    const res = await graphql(stack.gateway.url, SESSION);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ session: null });
  });
});

describe("two users' requests interleaved", () => {
  it("never cross identities", async () => {
    const users = await Promise.all([
      stack.admin.createUser({ email: "one@example.com" }),
      stack.admin.createUser({ email: "two@example.com" }),
    ]);
    const tokens = await Promise.all(users.map(async (u) => (await importFor(u)).token));
    const rounds = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const who = i % 2;
        const op = i % 4 < 2 ? SESSION : ISSUE_JWT;
        return graphql<{ session?: { userId: string }; issueJwt?: { claims: { userId: string } } }>(
          stack.gateway.url,
          op,
          {},
          bearer(tokens[who] as string),
        ).then((res) => ({ who, res }));
      }),
    );
    for (const { who, res } of rounds) {
      expect(res.errors).toBeUndefined();
      const seen = res.data?.session?.userId ?? res.data?.issueJwt?.claims.userId;
      expect(seen).toBe(users[who]?.userId);
    }
  });
});

describe("logging", () => {
  it("writes only JSON log lines, with the SDK's console chatter routed in at debug level", () => {
    const lines = stack.gateway.output().split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    const sdkLines = stack.gateway.logs.filter((l) => l.source === "para-sdk");
    expect(sdkLines.length).toBeGreaterThan(0);
    expect(sdkLines.every((l) => l.level === 20)).toBe(true);
  });
});
