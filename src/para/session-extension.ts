import type { Config } from "../runtime/config.js";
import type { StoredSession } from "../store/session-store.js";
import { capExpiry } from "./checked-import.js";
import type { ParaSession } from "./para-session.js";
import { cookieExpiry, withSessionCookie } from "./session-blob.js";

/** Para's default session length, for records stored before the gateway learnt it from Para. */
const DEFAULT_SESSION_MS = 30 * 60 * 1000;

/**
 * The stored session after Para extended it: the cookie as Para last set it (so the blob stays
 * importable), the changes Para's answer brought, and the time of the extension.
 */
export function renewedBy(para: ParaSession, stored: StoredSession, changes: Partial<StoredSession>): StoredSession {
  const cookie = para.sessionCookie();
  return {
    ...stored,
    ...changes,
    blob: cookie ? withSessionCookie(stored.blob, cookie) : stored.blob,
    lastExtendedAt: new Date().toISOString(),
    retryAt: undefined,
    failures: undefined,
  };
}

/**
 * Has Para extend the session on `para` (one call): the renewed session, or undefined when Para says
 * the session is over. The new expiry is Para's renewed cookie when Para sent one, else the session
 * length Para's JWT showed at import; capped at PARA_SESSION_MAX_DAYS. An outage is thrown, never
 * mistaken for an end. Shared by keepSessionAlive and the keeper.
 */
export async function extendSession(
  para: ParaSession,
  stored: StoredSession,
  config: Pick<Config, "para">,
): Promise<StoredSession | undefined> {
  const before = para.sessionCookie();
  if (!(await para.keepAlive(stored.userId))) return undefined;
  const renewed = para.sessionCookie();
  const length = stored.sessionLengthMs ?? DEFAULT_SESSION_MS;
  const until = (renewed !== before && renewed && cookieExpiry(renewed)) || Date.now() + length;
  return renewedBy(para, stored, { expiresAt: capExpiry(config, until) });
}
