/**
 * Who keeps the session alive:
 * - `activity`: this client, when the user did something in a visible page since the last extension,
 *   at most once per `everyMs` (default 5 minutes): an idle or hidden tab lets the session run out.
 * - `interval`: this client, every `everyMs`, whatever the user does.
 * - `gateway`: the gateway's keeper (importSession's `keepAlive: true`); this client sends nothing.
 * - `none`: nobody; the session ends at Para's expiry unless the app calls keepAlive() or getJwt().
 */
export type KeepAlivePolicy =
  | { policy: "activity"; everyMs?: number }
  | { policy: "interval"; everyMs: number }
  | { policy: "gateway" }
  | { policy: "none" };

/** What this needs of a browser's `document` (none in Node or a worker). */
interface PageDocument {
  visibilityState: string;
  addEventListener(type: string, listener: () => void, options?: { passive: boolean }): void;
  removeEventListener(type: string, listener: () => void): void;
}

const DEFAULT_EVERY_MS = 5 * 60_000;
const ACTIVITY_EVENTS = ["pointerdown", "keydown", "scroll", "touchstart"] as const;

/** Starts the policy's timer and listeners; `extend` is called when an extension is due. Returns a stop function. */
export function startKeepAlive(policy: KeepAlivePolicy, extend: () => void): () => void {
  if (policy.policy === "gateway" || policy.policy === "none") return () => {};
  const everyMs = policy.everyMs ?? DEFAULT_EVERY_MS;
  if (policy.policy === "interval") {
    const timer = setInterval(extend, everyMs);
    return () => clearInterval(timer);
  }
  const doc = (globalThis as { document?: PageDocument }).document;
  let activeSince = false;
  const onActivity = () => {
    activeSince = true;
  };
  for (const name of ACTIVITY_EVENTS) doc?.addEventListener(name, onActivity, { passive: true });
  const timer = setInterval(() => {
    if (!activeSince || doc?.visibilityState === "hidden") return;
    activeSince = false;
    extend();
  }, everyMs);
  return () => {
    clearInterval(timer);
    for (const name of ACTIVITY_EVENTS) doc?.removeEventListener(name, onActivity);
  };
}
