import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorAdmin, type EmulatorUser } from "../../src/emulator/admin-client.js";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { bearer, graphql } from "../support/graphql.js";
import { IMPORT, ISSUE_JWT, SESSION, VERIFY_WALLET } from "../support/operations.js";

describe("--workers 2 on one SQLite file", () => {
  let emulator: Emulator;
  let admin: EmulatorAdmin;
  let gateway: GatewayProcess;
  let dir: string;

  beforeAll(async () => {
    emulator = await startEmulator();
    admin = new EmulatorAdmin(emulator.url);
    dir = mkdtempSync(join(tmpdir(), "gateway-workers-"));
    gateway = await startGatewayProcess({ WORKERS: "2", SESSION_STORE: `sqlite:${join(dir, "sessions.db")}` });
  });
  afterAll(async () => {
    await gateway?.stop();
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves a mixed load from many users on both workers, every answer correct", async () => {
    // The process counts as started once one worker listens; the load must find both (connections opened
    // while only one listens stay with it, kept alive).
    await expect
      .poll(() => gateway.logs.filter((l) => l.msg === "gateway listening").length, { timeout: 10_000 })
      .toBe(2);
    const users: { user: EmulatorUser; token: string }[] = [];
    for (let i = 0; i < 12; i++) {
      const user = await admin.createUser({ walletTypes: ["EVM", "SOLANA"] });
      const { session } = await admin.createSession(user.userId);
      const res = await graphql<{ importSession: { sessionToken: string } }>(gateway.url, IMPORT, { session });
      users.push({ user, token: res.data?.importSession.sessionToken as string });
    }
    const operations = Array.from({ length: 120 }, (_, i) => {
      const { user, token } = users[i % users.length] as (typeof users)[number];
      switch (i % 3) {
        case 0:
          return graphql<{ session: { userId: string } }>(gateway.url, SESSION, {}, bearer(token)).then(
            (r) => r.data?.session.userId === user.userId,
          );
        case 1:
          return graphql<{ issueJwt: { claims: { userId: string } } }>(gateway.url, ISSUE_JWT, {}, bearer(token)).then(
            (r) => r.data?.issueJwt.claims.userId === user.userId,
          );
        default:
          return graphql<{ verifyWallet: { walletId: string } }>(gateway.url, VERIFY_WALLET, {
            address: user.wallets[1]?.address,
          }).then((r) => r.data?.verifyWallet.walletId === user.wallets[1]?.id);
      }
    });
    const results: boolean[] = [];
    for (let i = 0; i < operations.length; i += 20) results.push(...(await Promise.all(operations.slice(i, i + 20))));
    expect(results.filter((ok) => !ok)).toEqual([]);

    // One "operation" log line per operation, each carrying the pid of the worker that served it
    // (they reach this process through a pipe, so wait for the last ones).
    const operationLines = () => gateway.logs.filter((l) => l.msg === "operation");
    await expect.poll(() => operationLines().length).toBe(12 + 120);
    const perWorker = new Map<number, number>();
    for (const line of operationLines()) {
      perWorker.set(line.pid as number, (perWorker.get(line.pid as number) ?? 0) + 1);
    }
    expect(perWorker.size).toBe(2);
    for (const count of perWorker.values()) expect(count).toBeGreaterThan(12);
  });
});
