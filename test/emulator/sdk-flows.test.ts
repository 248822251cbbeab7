import { setTimeout as sleep } from "node:timers/promises";
import { Environment, Para } from "@getpara/server-sdk";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { EmulatorAdmin, type EmulatorUser } from "../../src/emulator/admin-client.js";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";

// The real @getpara/server-sdk, unmodified, against the emulator on localhost:8080 (Environment.DEV).
let emulator: Emulator;
let admin: EmulatorAdmin;

beforeAll(async () => {
  emulator = await startEmulator();
  admin = new EmulatorAdmin(emulator.url);
  // The SDK narrates every state change with console.log in DEV; keep the test output readable.
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterAll(() => emulator.close());
beforeEach(() => admin.configure({ sessionLengthSeconds: 1800, latencyMs: 0, fault: { mode: "none" } }));

const newPara = (key = emulator.publicKey) => new Para(Environment.DEV, key);

async function imported(user: EmulatorUser, options: { excludeSigners?: boolean } = {}) {
  const { session, verificationToken } = await admin.createSession(user.userId, options);
  const para = newPara();
  await para.importSession(session);
  return { para, session, verificationToken };
}

function decodeBlob(blob: string) {
  return JSON.parse(Buffer.from(blob, "base64").toString("utf8"));
}

function cookieExpiry(blob: string): number {
  const m = /Expires=([^;]+)/.exec(decodeBlob(blob).sessionCookie);
  return Date.parse(m?.[1] ?? "");
}

async function verifyRoute(path: string, body: unknown, key = emulator.secretKey) {
  const res = await fetch(`${emulator.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-external-api-key": key },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("importing sessions made by the admin API", () => {
  it("imports a blob with signers, and the SDK re-exports it byte for byte", async () => {
    const user = await admin.createUser({ walletTypes: ["EVM", "SOLANA", "COSMOS"] });
    const { para, session } = await imported(user);
    expect(await para.isSessionActive()).toBe(true);
    expect(para.exportSession()).toBe(session);
    const wallets = Object.values(decodeBlob(session).wallets) as { signer?: string }[];
    expect(wallets).toHaveLength(3);
    expect(wallets.every((w) => typeof w.signer === "string" && w.signer.length > 0)).toBe(true);
    expect(para.getUserId()).toBe(user.userId);
  });

  it("imports a blob without signers, as exportSession({ excludeSigners: true }) makes it", async () => {
    const user = await admin.createUser({ phone: "+15555550123" });
    const { para, session } = await imported(user, { excludeSigners: true });
    expect(await para.isSessionActive()).toBe(true);
    expect(para.exportSession({ excludeSigners: true })).toBe(session);
    const blob = decodeBlob(session);
    expect(Object.values(blob.wallets).some((w) => "signer" in (w as object))).toBe(false);
    expect(blob.authInfo).toEqual({ auth: { phone: "+15555550123" }, authType: "phone", identifier: "+15555550123" });
  });
});

describe("issueJwt", () => {
  it("issues an RS256 JWT that verifies against the JWKS and names the user", async () => {
    const user = await admin.createUser({ email: "jwt@example.com", walletTypes: ["EVM", "SOLANA"] });
    const { para } = await imported(user);
    const { token, keyId } = await para.issueJwt();
    const jwks = createRemoteJWKSet(new URL(`${emulator.url}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(token, jwks, { algorithms: ["RS256"] });
    expect(protectedHeader.kid).toBe(keyId);
    expect(payload.sub).toBe(user.userId);
    expect(typeof payload.aud).toBe("string");
    expect(payload.data).toEqual({
      userId: user.userId,
      wallets: user.wallets,
      email: "jwt@example.com",
      authType: "email",
      identifier: "jwt@example.com",
    });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(1800);
  });

  it("follows the configured session length and signs with the key keyIndex names", async () => {
    await admin.configure({ sessionLengthSeconds: 7 * 24 * 3600 });
    const { para } = await imported(await admin.createUser());
    const first = await para.issueJwt({ keyIndex: 0 });
    const second = await para.issueJwt({ keyIndex: 1 });
    expect(first.keyId).not.toBe(second.keyId);
    const claims = decodeJwt(second.token);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(7 * 24 * 3600);
    await expect(para.issueJwt({ keyIndex: 9 })).rejects.toMatchObject({ status: 400 });
  });
});

describe("keepSessionAlive", () => {
  it("moves the session's expiry, and the renewed cookie reaches the re-exported blob", async () => {
    await admin.configure({ sessionLengthSeconds: 3 });
    const { para, session } = await imported(await admin.createUser());
    await sleep(1100);
    expect(await para.keepSessionAlive()).toBe(true);
    expect(cookieExpiry(para.exportSession())).toBeGreaterThan(cookieExpiry(session));
    await sleep(2200); // past the original expiry, within the extended one
    expect(await para.isSessionActive()).toBe(true);
  });

  it("keeps ten distinct sessions alive in one loop, each with a new SDK instance", async () => {
    await admin.configure({ sessionLengthSeconds: 60 });
    const blobs: string[] = [];
    for (let i = 0; i < 10; i++) blobs.push((await admin.createSession((await admin.createUser()).userId)).session);
    await sleep(1100); // so that a renewed Expires differs at the cookie's one-second resolution
    const results = [];
    for (const blob of blobs) {
      const para = newPara();
      await para.importSession(blob);
      const active = await para.isSessionActive();
      const alive = await para.keepSessionAlive();
      results.push({ active, alive, moved: cookieExpiry(para.exportSession()) > cookieExpiry(blob) });
    }
    expect(results).toEqual(Array.from({ length: 10 }, () => ({ active: true, alive: true, moved: true })));
  });
});

describe("verification routes (secret key)", () => {
  it("verifies the token getVerificationToken returns", async () => {
    const user = await admin.createUser({ email: "verify@example.com" });
    const { para, verificationToken } = await imported(user);
    const token = await para.getVerificationToken();
    expect(token).toBe(verificationToken);
    expect(await verifyRoute("/sessions/verify", { verificationToken: token })).toEqual({
      status: 200,
      body: { authType: "email", identifier: "verify@example.com", userId: user.userId },
    });
  });

  it("verifies each wallet type's address, and answers 404 for an unknown one", async () => {
    const user = await admin.createUser({ walletTypes: ["EVM", "SOLANA", "COSMOS"] });
    for (const wallet of user.wallets) {
      expect(await verifyRoute("/wallets/verify", { address: wallet.address })).toEqual({
        status: 200,
        body: { walletId: wallet.id },
      });
    }
    const evm = user.wallets[0]?.address ?? "";
    expect((await verifyRoute("/wallets/verify", { address: evm.toLowerCase() })).status).toBe(200);
    const unknown = await verifyRoute("/wallets/verify", { address: `0x${"ab".repeat(20)}` });
    expect(unknown.status).toBe(404);
    expect(typeof unknown.body.message).toBe("string");
  });

  it("refuses the public key and unknown keys with 401, and never serves another app's users", async () => {
    const user = await admin.createUser();
    const address = user.wallets[0]?.address;
    expect((await verifyRoute("/wallets/verify", { address }, emulator.publicKey)).status).toBe(401);
    expect((await verifyRoute("/wallets/verify", { address }, "dev_secret_wrong")).status).toBe(401);
    const other = await admin.createPartner({ name: "Other app" });
    expect((await verifyRoute("/wallets/verify", { address }, other.secretKey)).status).toBe(404);
    const { verificationToken } = await admin.createSession(user.userId);
    expect((await verifyRoute("/sessions/verify", { verificationToken }, other.secretKey)).status).toBe(404);
  });
});

describe("an expired session", () => {
  it("fails every call the way Para fails", async () => {
    const { para, verificationToken } = await imported(await admin.createUser());
    expect(await para.isSessionActive()).toBe(true);
    await admin.expireSession(verificationToken);
    expect(await para.isSessionActive()).toBe(false);
    await expect(para.issueJwt()).rejects.toMatchObject({ status: 403 });
    expect(await para.keepSessionAlive()).toBe(false);
    expect((await verifyRoute("/sessions/verify", { verificationToken })).status).toBe(403);
  });

  it("expires by itself when its length runs out, and a logout ends it", async () => {
    await admin.configure({ sessionLengthSeconds: 1 });
    const { para } = await imported(await admin.createUser());
    await sleep(1100);
    expect(await para.isSessionActive()).toBe(false);
    await admin.configure({ sessionLengthSeconds: 1800 });
    const second = await imported(await admin.createUser());
    await second.para.logout();
    expect((await verifyRoute("/sessions/verify", { verificationToken: second.verificationToken })).status).toBe(403);
  });
});

describe("a wrong public key", () => {
  it("makes the SDK's import fail, as an unknown API key does against Para", async () => {
    const { session } = await admin.createSession((await admin.createUser()).userId);
    const para = newPara("dev_public_unknown");
    await expect(para.importSession(session)).rejects.toThrow();
    await expect(para.isSessionActive()).rejects.toMatchObject({ status: 403 });
  });
});
