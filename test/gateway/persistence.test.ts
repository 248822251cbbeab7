import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorAdmin } from "../../src/emulator/admin-client.js";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { startGatewayProcess } from "../support/gateway-process.js";
import { bearer, codes, graphql } from "../support/graphql.js";
import { IMPORT, ISSUE_JWT, SESSION } from "../support/operations.js";

let emulator: Emulator;
let admin: EmulatorAdmin;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator();
  admin = new EmulatorAdmin(emulator.url);
  dir = mkdtempSync(join(tmpdir(), "gateway-sqlite-"));
});
afterAll(async () => {
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the SQLite store", () => {
  it("keeps imported sessions usable across a restart, encrypted at rest", async () => {
    const store = `sqlite:${join(dir, "sessions.db")}`;
    const user = await admin.createUser({ email: "durable@example.com" });
    const { session } = await admin.createSession(user.userId);

    const first = await startGatewayProcess({ SESSION_STORE: store });
    const imported = await graphql<{ importSession: { sessionToken: string } }>(first.url, IMPORT, { session });
    const token = imported.data?.importSession.sessionToken as string;
    expect(token).toBeTruthy();
    expect(await first.stop()).toBe(0);

    const file = readFileSync(join(dir, "sessions.db")).toString("latin1");
    const wal = readFileSync(join(dir, "sessions.db-wal"), { flag: "a+" }).toString("latin1");
    for (const secret of ["durable@example.com", user.userId, token, "capsule.sid"]) {
      expect(file.includes(secret) || wal.includes(secret)).toBe(false);
    }

    const second = await startGatewayProcess({ SESSION_STORE: store });
    try {
      const read = await graphql<{ session: { identifier: string; active: boolean } }>(
        second.url,
        SESSION,
        {},
        bearer(token),
      );
      expect(read.data?.session).toMatchObject({ identifier: "durable@example.com", active: true });
      expect(codes(await graphql(second.url, ISSUE_JWT, {}, bearer(token)))).toEqual([]);
    } finally {
      await second.stop();
    }
  });

  it("fails closed with INTERNAL_SERVER_ERROR when read with another encryption key", async () => {
    const store = `sqlite:${join(dir, "rekeyed.db")}`;
    const { session } = await admin.createSession((await admin.createUser()).userId);
    const first = await startGatewayProcess({ SESSION_STORE: store });
    const imported = await graphql<{ importSession: { sessionToken: string } }>(first.url, IMPORT, { session });
    await first.stop();

    const other = await startGatewayProcess({
      SESSION_STORE: store,
      SESSION_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    });
    try {
      const res = await graphql(other.url, SESSION, {}, bearer(imported.data?.importSession.sessionToken as string));
      expect(codes(res)).toEqual(["INTERNAL_SERVER_ERROR"]);
      expect(res.data).toEqual({ session: null });
      expect(JSON.stringify(res.errors)).not.toMatch(/stack|decrypt|key/i);
    } finally {
      await other.stop();
    }
  });
});
