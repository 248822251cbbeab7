import pLimit from "p-limit";
import { expect } from "vitest";
import type { EmulatorAdmin, EmulatorUser } from "../../src/emulator/admin-client.js";
import type { GatewayProcess } from "./gateway-process.js";
import { graphql } from "./graphql.js";

export const IMPORT_MANAGED = `mutation Import($session: String!) {
  importSession(session: $session, keepAlive: true) { sessionToken session { keepAlive expiresAt } }
}`;

export interface Managed {
  token: string;
  verificationToken: string;
  gateway: GatewayProcess;
}

/** A session imported with keepAlive: true (the keeper extends it without client traffic). */
export async function importManaged(
  admin: EmulatorAdmin,
  gateway: GatewayProcess,
  user: EmulatorUser,
): Promise<Managed> {
  const { session, verificationToken } = await admin.createSession(user.userId, { excludeSigners: true });
  const res = await graphql<{ importSession: { sessionToken: string; session: { keepAlive: boolean } } }>(
    gateway.url,
    IMPORT_MANAGED,
    { session },
  );
  expect(res.errors).toBeUndefined();
  expect(res.data?.importSession.session.keepAlive).toBe(true);
  return { token: res.data?.importSession.sessionToken as string, verificationToken, gateway };
}

/** Every session still live at Para, and no two keep-alives of one session in the same cycle. */
export async function expectAllKeptOnce(admin: EmulatorAdmin, sessions: Managed[], lengthSeconds: number) {
  const limit = pLimit(32); // thousands of sessions: a bounded number of connections to the emulator
  const states = await Promise.all(sessions.map((s) => limit(() => admin.sessionState(s.verificationToken))));
  const now = Date.now();
  for (const [i, state] of states.entries()) {
    expect(state.active, `session ${i} is live at Para`).toBe(true);
    expect(state.expiresAt).toBeGreaterThan(now);
    const gaps = state.keptAliveAt.slice(1).map((at, k) => at - (state.keptAliveAt[k] as number));
    // The keeper extends once less than a third of the length remains: a second extension in the same
    // cycle (two replicas both claiming) would follow within a second.
    for (const gap of gaps)
      expect(gap, `session ${i}: keep-alives ${gap} ms apart`).toBeGreaterThan((lengthSeconds * 1000) / 4);
  }
  return states;
}
