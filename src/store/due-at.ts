import type { StoredSession } from "./session-store.js";

/**
 * When the keeper should next extend a session, or null when nothing keeps it alive. Due once less
 * than a third of its length remains, earlier by up to a tenth of the length at random, so that
 * sessions imported together do not all come due in the same second. A retry after an outage
 * (`retryAt`) comes first; nothing is due past KEEPALIVE_MAX_DAYS (`keepAliveUntil`).
 */
export function nextDueAt(session: StoredSession, now = Date.now()): number | null {
  if (!session.keepAlive || session.keepAliveUntil === null || now >= session.keepAliveUntil) return null;
  if (session.retryAt !== undefined) return session.retryAt;
  const length = session.sessionLengthMs;
  return Math.max(now, Math.round(session.expiresAt - length / 3 - (Math.random() * length) / 10));
}
