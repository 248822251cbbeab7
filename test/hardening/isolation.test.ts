import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorAdmin, type EmulatorUser } from "../../src/emulator/admin-client.js";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { bearer, graphql } from "../support/graphql.js";
import { IMPORT, ISSUE_JWT, KEEP_ALIVE, SESSION } from "../support/operations.js";

const USERS = 50;
const OPERATIONS = 2000;
const CONCURRENCY = 64;

describe("isolation between users under concurrency", () => {
  let emulator: Emulator;
  let gateway: GatewayProcess;

  beforeAll(async () => {
    emulator = await startEmulator();
    gateway = await startGatewayProcess();
  });
  afterAll(async () => {
    await gateway?.stop();
    await emulator?.close();
  });

  it(`${OPERATIONS} mixed operations from ${USERS} users: every answer names its own user`, {
    timeout: 240_000,
  }, async () => {
    const admin = new EmulatorAdmin(emulator.url);
    const users: { user: EmulatorUser; token: string }[] = [];
    for (let i = 0; i < USERS; i++) {
      const user = await admin.createUser({ email: `isolated-${i}@example.com`, walletTypes: ["EVM"] });
      const { session } = await admin.createSession(user.userId);
      const res = await graphql<{ importSession: { sessionToken: string } }>(gateway.url, IMPORT, { session });
      users.push({ user, token: res.data?.importSession.sessionToken as string });
    }
    const identityOf = async (i: number): Promise<{ expected: string; seen: string | undefined }> => {
      const { user, token } = users[(i * 7) % USERS] as (typeof users)[number];
      switch (i % 3) {
        case 0: {
          const r = await graphql<{ session: { userId: string; identifier: string } }>(
            gateway.url,
            SESSION,
            {},
            bearer(token),
          );
          return {
            expected: `${user.userId}/${user.identifier}`,
            seen: `${r.data?.session.userId}/${r.data?.session.identifier}`,
          };
        }
        case 1: {
          const r = await graphql<{ issueJwt: { claims: { userId: string } } }>(
            gateway.url,
            ISSUE_JWT,
            {},
            bearer(token),
          );
          return { expected: user.userId, seen: r.data?.issueJwt.claims.userId };
        }
        default: {
          const r = await graphql<{ keepSessionAlive: { alive: boolean } }>(gateway.url, KEEP_ALIVE, {}, bearer(token));
          const who = await graphql<{ session: { userId: string } }>(gateway.url, SESSION, {}, bearer(token));
          return {
            expected: `${user.userId}:true`,
            seen: `${who.data?.session.userId}:${r.data?.keepSessionAlive.alive}`,
          };
        }
      }
    };
    const mismatches: unknown[] = [];
    let next = 0;
    const worker = async () => {
      while (next < OPERATIONS) {
        const i = next++;
        const { expected, seen } = await identityOf(i);
        if (expected !== seen) mismatches.push({ i, expected, seen });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(next).toBe(OPERATIONS);
    expect(mismatches).toEqual([]);
  });
});
