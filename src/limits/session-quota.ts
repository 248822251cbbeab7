import { GatewayError } from "../errors.js";
import type { Config } from "../runtime/config.js";
import type { OwnedRecord } from "../store/record-store.js";
import type { SessionStore } from "../store/session-store.js";

export type SessionLimits = Pick<Config["limits"], "maxSessionsPerUser" | "maxManagedSessionsPerUser">;

/**
 * Sessions one login may have the gateway hold. Managed sessions (kept alive in the background, a call
 * to Para each cycle) are refused past MAX_MANAGED_SESSIONS_PER_USER: ending one silently would stop a
 * backend's job without a word, so its owner decides which to end. Plain sessions make room instead:
 * past MAX_SESSIONS_PER_USER the ones ending soonest are ended (plain ones first), as a user's newest
 * device signs in while the oldest tab falls away. Both are read from the index when a session is
 * imported or turned managed; replicas importing for one user at the same instant can overshoot by the
 * imports in flight, never more.
 */
export async function makeRoomFor(
  store: SessionStore,
  limits: SessionLimits,
  userId: string,
  managed: boolean,
): Promise<string[]> {
  const owned = await store.ownedBy(userId);
  if (managed) ensureManagedRoom(owned, limits);
  const excess = owned.length + 1 - limits.maxSessionsPerUser;
  if (excess <= 0) return [];
  const byPreference = [...owned.filter((r) => !r.managed), ...owned.filter((r) => r.managed)];
  return byPreference.slice(0, excess).map((r) => r.id);
}

/** Throws LIMIT_EXCEEDED when one more managed session (other than `current`) would pass the cap. */
export function ensureManagedRoom(owned: OwnedRecord[], limits: SessionLimits, current?: string): void {
  const managed = owned.filter((r) => r.managed && r.id !== current).length;
  if (managed < limits.maxManagedSessionsPerUser) return;
  throw new GatewayError(
    "LIMIT_EXCEEDED",
    `This user already has ${limits.maxManagedSessionsPerUser} sessions kept alive (MAX_MANAGED_SESSIONS_PER_USER): end one (mySessions, endSession(id)) or turn its keepAlive off first.`,
    { limit: limits.maxManagedSessionsPerUser },
  );
}

const inFlight = new Map<string, Promise<unknown>>();

/**
 * Runs `work` after any other work for the same user in this process has finished: the quota's check
 * and the write it allows happen as one, so concurrent imports of one login cannot pass the caps here.
 */
export async function oneAtATimeFor<T>(userId: string, work: () => Promise<T>): Promise<T> {
  const before = inFlight.get(userId) ?? Promise.resolve();
  const run = before.then(work, work);
  const settled = run.catch(() => {});
  inFlight.set(userId, settled);
  try {
    return await run;
  } finally {
    if (inFlight.get(userId) === settled) inFlight.delete(userId);
  }
}
