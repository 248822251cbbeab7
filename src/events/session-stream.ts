import { Repeater } from "graphql-yoga";
import type { StoredSession } from "../store/session-store.js";
import { type SessionEvent, type SessionEvents, type SessionEventType, sessionEvent } from "./session-events.js";

/**
 * When Para still holds a stored session past its expiry (an expiry Para gave to the second while its
 * own runs to the millisecond), it is asked again after 0.5 s, then 1 s, 2 s … 10 s.
 */
const RECHECK_FIRST_MS = 500;
const RECHECK_MAX_MS = 10_000;
/** Past the expiry, before looking: clocks differ a little. */
const EXPIRY_MARGIN_MS = 250;

export interface StreamDeps {
  events: SessionEvents;
  /** EXPIRING comes this long before the expiry, when nothing extended the session. */
  expiringNoticeMs: number;
  /** A stream that has sent nothing for this long ends (the client reconnects, and is checked again). */
  idleTimeoutMs: number;
  /** The session as the store holds it now; undefined once it is gone (ended, or expired). */
  stored: () => Promise<StoredSession | undefined>;
  /** Para's word on whether a stored session is still live (a touch on a fresh instance, dropped after). */
  isActive: (stored: StoredSession) => Promise<boolean>;
}

/**
 * One subscriber's stream of its session's events: what is published for the session (EXTENDED,
 * ENDED, EXPIRED, from any replica), plus EXPIRING a notice before the expiry when nothing extended it,
 * and EXPIRED at the expiry once the store no longer holds the session (or Para, asked about one it
 * still holds, says it is over). It ends after ENDED or EXPIRED, or after `idleTimeoutMs` without an
 * event; a session the gateway no longer holds never costs a call to Para. When the client goes away,
 * its timers, its subscription and its place (`release`) go with it.
 */
export function sessionStream(
  deps: StreamDeps,
  recordId: string,
  expiresAt: number,
  release: () => void,
): Repeater<SessionEvent> {
  const stream = new Repeater<SessionEvent>(async (push, stop) => {
    const published = deps.events.subscribe(recordId);
    const timers = new Set<NodeJS.Timeout>();
    const later = (ms: number, run: () => void) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        run();
      }, ms);
      timers.add(timer);
    };
    const idle = setTimeout(() => stop(), deps.idleTimeoutMs);
    const send = async (event: SessionEvent) => {
      idle.refresh();
      await push(event);
      if (event.type === "EXPIRED" || event.type === "ENDED") stop();
    };
    const emit = (type: SessionEventType) =>
      send(sessionEvent(recordId, type, type === "EXPIRED" || type === "ENDED" ? null : expiresAt));
    const atExpiry = async (attempt = 0) => {
      const record = await deps.stored().catch(() => null); // the store is away: look again later
      if (record === undefined) return emit("EXPIRED");
      if (record && record.expiresAt > expiresAt) {
        expiresAt = record.expiresAt; // extended where no event reached this replica
        return watchExpiry();
      }
      const live = record ? await deps.isActive(record).catch(() => true) : true; // unreachable: ask later
      if (!live) return emit("EXPIRED");
      later(Math.min(RECHECK_MAX_MS, RECHECK_FIRST_MS * 2 ** attempt), () => void atExpiry(attempt + 1));
    };
    const watchExpiry = () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const untilExpiring = expiresAt - deps.expiringNoticeMs - Date.now();
      later(Math.max(0, untilExpiring), () => void emit("EXPIRING"));
      later(Math.max(0, expiresAt - Date.now()) + EXPIRY_MARGIN_MS, () => void atExpiry());
    };

    watchExpiry();
    const relay = (async () => {
      for await (const event of published) {
        if (event.type === "EXTENDED" && event.expiresAt !== null) {
          expiresAt = event.expiresAt;
          watchExpiry();
        }
        await send(event);
      }
    })();
    await stop;
    clearTimeout(idle);
    for (const timer of timers) clearTimeout(timer);
    await published.return();
    await relay;
    release();
  });
  // A stream closed before it started never runs the executor above: its place is given back here too.
  const close = stream.return.bind(stream);
  stream.return = (value) => {
    release();
    return close(value);
  };
  return stream;
}
