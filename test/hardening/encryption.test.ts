import { createHash, randomBytes } from "node:crypto";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { Cipher } from "../../src/store/encryption.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { bearer, codes, graphql } from "../support/graphql.js";
import { IMPORT, KEEP_ALIVE, SESSION } from "../support/operations.js";
import { useEmulator, useTempDir } from "../support/stack.js";

const emulator = useEmulator();
const dir = useTempDir("gateway-keys-");

async function withGateway<T>(env: Record<string, string>, run: (g: GatewayProcess) => Promise<T>): Promise<T> {
  const gateway = await startGatewayProcess(env);
  try {
    return await run(gateway);
  } finally {
    await gateway.stop();
  }
}

async function importInto(gateway: GatewayProcess, options: { excludeSigners?: boolean } = {}) {
  const { session } = await emulator.admin.createSession((await emulator.admin.createUser()).userId, options);
  const res = await graphql<{ importSession: { sessionToken: string; session: { signersPresent: boolean } } }>(
    gateway.url,
    IMPORT,
    { session },
  );
  return {
    token: res.data?.importSession.sessionToken as string,
    signersPresent: res.data?.importSession.session.signersPresent,
  };
}

/** The stored record, opened with the key the test holds: what an attacker with the file and the key would see. */
function storedPlaintext(file: string, token: string, key: Buffer): string {
  const id = createHash("sha256").update(token).digest("hex");
  const db = new DatabaseSync(file, { readOnly: true });
  const row = db.prepare("SELECT record FROM sessions WHERE id = ?").get(id) as { record: Uint8Array };
  db.close();
  return new Cipher([key]).open(Buffer.from(row.record), id).toString("utf8");
}

describe("encryption keys", () => {
  it("rotates: the old key still reads, records read or renewed are re-sealed under the new key, and without the old key untouched old records fail closed", async () => {
    const file = dir.path("rotate.db");
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const store = { SESSION_STORE: `sqlite:${file}` };
    const [before, renewed, untouched] = await withGateway(
      { ...store, SESSION_ENCRYPTION_KEY: oldKey.toString("base64") },
      (g) => Promise.all([importInto(g), importInto(g), importInto(g)]),
    );
    await withGateway(
      {
        ...store,
        SESSION_ENCRYPTION_KEY: newKey.toString("base64"),
        SESSION_ENCRYPTION_OLD_KEYS: oldKey.toString("hex"),
      },
      async (g) => {
        const read = await graphql<{ session: { active: boolean } }>(g.url, SESSION, {}, bearer(before.token));
        expect(read.data?.session.active).toBe(true);
        // keepSessionAlive re-saves the record: under the new key now
        await emulator.admin.configure({ sessionLengthSeconds: 3600 });
        expect(codes(await graphql(g.url, KEEP_ALIVE, {}, bearer(renewed.token)))).toEqual([]);
        await emulator.admin.configure({ sessionLengthSeconds: 1800 });
      },
    );
    for (const { token } of [before, renewed]) {
      expect(() => storedPlaintext(file, token, oldKey)).toThrow();
      expect(storedPlaintext(file, token, newKey)).toContain('"userId"');
    }
    expect(storedPlaintext(file, untouched.token, oldKey)).toContain('"userId"');
    await withGateway({ ...store, SESSION_ENCRYPTION_KEY: newKey.toString("base64") }, async (g) => {
      expect(codes(await graphql(g.url, SESSION, {}, bearer(untouched.token)))).toEqual(["INTERNAL_SERVER_ERROR"]);
      for (const { token } of [before, renewed]) {
        const read = await graphql<{ session: { active: boolean } }>(g.url, SESSION, {}, bearer(token));
        expect(read.data?.session.active).toBe(true);
      }
    });
  });
});

describe("signer shares", () => {
  it("are stripped before storing by default, and kept only when STORE_SIGNERS=true", async () => {
    const key = randomBytes(32);
    for (const [storeSigners, expected] of [
      ["false", false],
      ["true", true],
    ] as const) {
      const file = dir.path(`signers-${storeSigners}.db`);
      const env = {
        SESSION_STORE: `sqlite:${file}`,
        SESSION_ENCRYPTION_KEY: key.toString("base64"),
        STORE_SIGNERS: storeSigners,
      };
      const { token, signersPresent } = await withGateway(env, (g) => importInto(g));
      expect(signersPresent).toBe(expected);
      const plaintext = storedPlaintext(file, token, key);
      const blob = JSON.parse(Buffer.from(JSON.parse(plaintext).blob, "base64").toString("utf8"));
      const signers = Object.values(blob.wallets as Record<string, { signer?: string }>).filter((w) => w.signer);
      expect(signers.length > 0).toBe(expected);
    }
  });
});
