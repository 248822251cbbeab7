import { Repeater } from "graphql-yoga";
import type { SessionEvent, SessionEvents, SessionEventType } from "./session-events.js";

/**
 * When Para still holds a session past its expiry (extended elsewhere, or an expiry Para gave to the
 * second while its own runs to the millisecond), it is asked again after 0.5 s, then 1 s, 2 s … 10 s.
 */
const RECHECK_FIRST_MS = 500;
const RECHECK_MAX_MS = 10_000;
/** Past the expiry, before asking Para: clocks differ a little. */
const EXPIRY_MARGIN_MS = 250;

export interface StreamDeps {
  events: SessionEvents;
  /** EXPIRING comes this long before the expiry, when nothing extended the session. */
  expiringNoticeMs: number;
  /** Para's word on whether the session is still live (a touch on the request's instance). */
  isActive: () => Promise<boolean>;
}

/**
 * One subscriber's stream of its session's events: what is published for the session (EXTENDED,
 * ENDED, EXPIRED, from any replica), plus EXPIRING a notice before the expiry when nothing extended it,
 * and EXPIRED when Para, asked at the expiry, says the session is over. It ends after ENDED or
 * EXPIRED. When the client goes away, its timers and its subscription go with it.
 */
export function sessionStream(deps: StreamDeps, recordId: string, expiresAt: number): Repeater<SessionEvent> {
  return new Repeater<SessionEvent>(async (push, stop) => {
    const published = deps.events.subscribe(recordId);
    const timers = new Set<NodeJS.Timeout>();
    const later = (ms: number, run: () => void) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        run();
      }, ms);
      timers.add(timer);
    };
    const emit = async (type: SessionEventType) => {
      await push({
        type,
        at: new Date().toISOString(),
        expiresAt: type === "EXPIRED" || type === "ENDED" ? null : expiresAt,
      });
      if (type === "EXPIRED" || type === "ENDED") stop();
    };
    const askPara = async (attempt = 0) => {
      const live = await deps.isActive().catch(() => true); // unreachable: ask again later
      if (live) later(Math.min(RECHECK_MAX_MS, RECHECK_FIRST_MS * 2 ** attempt), () => void askPara(attempt + 1));
      else await emit("EXPIRED");
    };
    const watchExpiry = () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const untilExpiring = expiresAt - deps.expiringNoticeMs - Date.now();
      later(Math.max(0, untilExpiring), () => void emit("EXPIRING"));
      later(Math.max(0, expiresAt - Date.now()) + EXPIRY_MARGIN_MS, () => void askPara());
    };

    deps.events.openStreams++;
    watchExpiry();
    const relay = (async () => {
      for await (const event of published) {
        if (event.type === "EXTENDED" && event.expiresAt !== null) {
          expiresAt = event.expiresAt;
          watchExpiry();
        }
        await push(event);
        if (event.type === "ENDED" || event.type === "EXPIRED") stop();
      }
    })();
    await stop;
    for (const timer of timers) clearTimeout(timer);
    await published.return();
    await relay;
    deps.events.openStreams--;
  });
}
