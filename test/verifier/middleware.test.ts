import type { AddressInfo } from "node:net";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import { base64url } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EmulatorUser } from "../../src/emulator/admin-client.js";
import { DEFAULT_API_KEY_ID } from "../../src/emulator/model.js";
import type { BearerOptions } from "../../src/verifier/bearer.js";
import { paraExpress } from "../../src/verifier/express.js";
import { paraFastify } from "../../src/verifier/fastify.js";
import { ParaAuthError, paraFetch } from "../../src/verifier/fetch.js";
import { paraHono } from "../../src/verifier/hono.js";
import { JwtVerifier } from "../../src/verifier/jwt-verifier.js";
import { useEmulator } from "../support/stack.js";

// Each framework's middleware on a real app of that framework, one verifier shared by all (as a backend
// with several routers would), against the emulator's key set.
const stack = useEmulator();
let user: EmulatorUser;
let verifier: JwtVerifier;

interface Answer {
  status: number;
  wwwAuthenticate: string | null;
  body: Record<string, unknown>;
}
type Call = (authorization?: string) => Promise<Answer>;

const read = async (res: Response): Promise<Answer> => ({
  status: res.status,
  wwwAuthenticate: res.headers.get("www-authenticate"),
  body: (await res.json()) as Record<string, unknown>,
});
const request = (url: string, authorization?: string) =>
  new Request(url, { headers: authorization ? { authorization } : {} });

/** The app answers what it found on the request: the claims' user id and wallet types. */
const seen = (claims: { userId: string; wallets: { type: string }[] } | undefined) => ({
  userId: claims?.userId,
  walletTypes: claims?.wallets.map((w) => w.type),
});

const closers: (() => Promise<unknown>)[] = [];

async function expressApp(options: BearerOptions): Promise<Call> {
  const app = express();
  app.get("/me", paraExpress(options), (req, res) => {
    res.json(seen(req.paraClaims));
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/me`;
  return async (authorization) => read(await fetch(request(url, authorization)));
}

async function fastifyApp(options: BearerOptions): Promise<Call> {
  const app = Fastify();
  app.addHook("onRequest", paraFastify(options));
  app.get("/me", async (req) => seen(req.paraClaims));
  const url = `${await app.listen({ port: 0, host: "127.0.0.1" })}/me`;
  closers.push(() => app.close());
  return async (authorization) => read(await fetch(request(url, authorization)));
}

/** Hono as workers and Bun run it: its `fetch` with a standard Request. */
async function honoApp(options: BearerOptions): Promise<Call> {
  const app = new Hono();
  app.use("/me", paraHono(options));
  app.get("/me", (c) => c.json(seen(c.get("paraClaims"))));
  return async (authorization) => read(await app.fetch(request("http://backend/me", authorization)));
}

async function fetchHandler(options: BearerOptions): Promise<Call> {
  const authenticate = paraFetch(options);
  const handler = async (req: Request) => {
    try {
      return Response.json(seen(await authenticate(req)));
    } catch (error) {
      if (error instanceof ParaAuthError) return error.response;
      throw error;
    }
  };
  return async (authorization) => read(await handler(request("http://backend/me", authorization)));
}

const FRAMEWORKS = { express: expressApp, fastify: fastifyApp, hono: honoApp, fetch: fetchHandler };

const mint = async (input: { expiresInSeconds?: number; audience?: string } = {}) =>
  `Bearer ${(await stack.admin.mintJwt({ userId: user.userId, ...input })).token}`;
const refusal = (error: string, reason: string) => `Bearer error="${error}", error_description="${reason}"`;

beforeAll(async () => {
  user = await stack.admin.createUser({ walletTypes: ["EVM", "SOLANA"] });
  verifier = new JwtVerifier({ jwksUrl: `${stack.emulator.url}/.well-known/jwks.json` });
});
beforeEach(() => stack.admin.configure({ fault: { mode: "none" } }));
afterAll(async () => {
  verifier.close();
  await Promise.all(closers.map((close) => close()));
});

describe.each(Object.entries(FRAMEWORKS))("%s middleware", (_name, build) => {
  let call: Call;
  beforeAll(async () => {
    call = await build({ verifier, audience: DEFAULT_API_KEY_ID });
  });

  it("puts a good token's claims on the request", async () => {
    expect(await call(await mint())).toEqual({
      status: 200,
      wwwAuthenticate: null,
      body: { userId: user.userId, walletTypes: ["EVM", "SOLANA"] },
    });
  });

  it("answers 401 invalid_token with the verifier's reason for a tampered, expired, other app's or missing token", async () => {
    const good = (await mint()).split(".");
    const payload = JSON.parse(new TextDecoder().decode(base64url.decode(good[1] as string)));
    const tampered = [good[0], base64url.encode(JSON.stringify({ ...payload, sub: "someone-else" })), good[2]].join(
      ".",
    );
    const cases: [string | undefined, string][] = [
      [tampered, "BAD_SIGNATURE"],
      [await mint({ expiresInSeconds: -60 }), "EXPIRED"],
      [await mint({ audience: "another-apps-key-id" }), "WRONG_AUDIENCE"],
      [undefined, "MISSING_TOKEN"],
      ["Basic dXNlcjpwYXNz", "MISSING_TOKEN"],
      ["Bearer not-a-jwt", "MALFORMED"],
    ];
    for (const [authorization, reason] of cases) {
      expect(await call(authorization), reason).toEqual({
        status: 401,
        wwwAuthenticate: refusal("invalid_token", reason),
        body: { error: "invalid_token", error_description: reason },
      });
    }
  });

  it("still lets a good token through while Para hangs (the key set it has serves)", async () => {
    expect((await call(await mint())).status).toBe(200);
    await stack.admin.configure({ fault: { mode: "hang", rate: 1 } });
    // A token it has never seen: verified, not remembered.
    expect(await call(await mint({ expiresInSeconds: 600 }))).toMatchObject({
      status: 200,
      body: { userId: user.userId },
    });
  });
});

describe("requirements", () => {
  it("answers 403 insufficient_scope for a user not allowed or without the wallet asked for", async () => {
    const other = await stack.admin.createUser({ walletTypes: ["COSMOS"] });
    const token = await mint();
    const cosmos = await build({ wallet: "COSMOS" });
    const allowed = await build({ userIds: [other.userId] });
    expect(await cosmos(token)).toEqual({
      status: 403,
      wwwAuthenticate: refusal("insufficient_scope", "NO_WALLET"),
      body: { error: "insufficient_scope", error_description: "NO_WALLET" },
    });
    expect((await allowed(token)).body).toEqual({ error: "insufficient_scope", error_description: "USER_NOT_ALLOWED" });
    const otherToken = `Bearer ${(await stack.admin.mintJwt({ userId: other.userId })).token}`;
    expect(await cosmos(otherToken)).toMatchObject({ status: 200, body: { userId: other.userId } });
    expect(await allowed(otherToken)).toMatchObject({ status: 200, body: { userId: other.userId } });
    expect((await (await build({ wallet: true }))(token)).status).toBe(200);
  });

  const build = (requirements: Omit<BearerOptions, "verifier">) =>
    fetchHandler({ verifier, audience: DEFAULT_API_KEY_ID, ...requirements } as BearerOptions);
});

describe("a verifier that has no key set yet while Para hangs", () => {
  it("refuses, so the hang above was real", async () => {
    const fresh = new JwtVerifier({ jwksUrl: `${stack.emulator.url}/.well-known/jwks.json`, fetchTimeoutMs: 300 });
    try {
      await stack.admin.configure({ fault: { mode: "hang", rate: 1 } });
      const call = await fetchHandler({ verifier: fresh });
      expect(await call(await mint())).toMatchObject({ status: 401, body: { error_description: "UNKNOWN_KEY" } });
    } finally {
      fresh.close();
    }
  });
});
