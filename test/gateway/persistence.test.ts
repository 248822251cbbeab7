import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { startGatewayProcess } from "../support/gateway-process.js";
import { bearer, codes, graphql } from "../support/graphql.js";
import { IMPORT, ISSUE_JWT, SESSION } from "../support/operations.js";
import { useEmulator, useTempDir } from "../support/stack.js";

const emulator = useEmulator();
const dir = useTempDir("gateway-sqlite-");

describe("the SQLite store", () => {
  it("keeps imported sessions usable across a restart, encrypted at rest", async () => {
    const store = `sqlite:${dir.path("sessions.db")}`;
    const user = await emulator.admin.createUser({ email: "durable@example.com" });
    const { session } = await emulator.admin.createSession(user.userId);

    const first = await startGatewayProcess({ SESSION_STORE: store });
    const imported = await graphql<{ importSession: { sessionToken: string } }>(first.url, IMPORT, { session });
    const token = imported.data?.importSession.sessionToken as string;
    expect(token).toBeTruthy();
    expect(await first.stop()).toBe(0);

    const file = readFileSync(dir.path("sessions.db")).toString("latin1");
    const wal = readFileSync(dir.path("sessions.db-wal"), { flag: "a+" }).toString("latin1");
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
    const store = `sqlite:${dir.path("rekeyed.db")}`;
    const { session } = await emulator.admin.createSession((await emulator.admin.createUser()).userId);
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

  it("the keeper leaves a managed session it cannot decrypt (a replica missing a key) as it is, never deleting it", async () => {
    const path = dir.path("keeper-rekeyed.db");
    await emulator.admin.configure({ sessionLengthSeconds: 8 });
    try {
      const { session } = await emulator.admin.createSession((await emulator.admin.createUser()).userId);
      const first = await startGatewayProcess({ SESSION_STORE: `sqlite:${path}`, KEEPER_INTERVAL_MS: "600000" });
      const imported = await graphql<{ importSession: { sessionToken: string } }>(
        first.url,
        "mutation($s: String!) { importSession(session: $s, keepAlive: true) { sessionToken } }",
        { s: session },
      );
      const token = imported.data?.importSession.sessionToken as string;
      await first.stop();
      // Due within about five seconds; this replica lacks the key it was sealed with.
      const other = await startGatewayProcess({
        SESSION_STORE: `sqlite:${path}`,
        SESSION_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
        KEEPER_INTERVAL_MS: "200",
        KEEPER_LEASE_MS: "500",
      });
      try {
        await expect
          .poll(() => other.logs.some((l) => String(l.msg).includes("does not decrypt here")), { timeout: 7_000 })
          .toBe(true);
      } finally {
        await other.stop();
      }
      const db = new DatabaseSync(path, { readOnly: true });
      const id = createHash("sha256").update(token).digest("hex");
      expect({ ...db.prepare("SELECT id FROM sessions WHERE id = ?").get(id) }).toEqual({ id });
      db.close();
    } finally {
      await emulator.admin.configure({ sessionLengthSeconds: 1800 });
    }
  });
});
