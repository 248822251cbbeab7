/** What one tab tells the others of the same origin. */
export type TabMessage<State> =
  | { kind: "state"; state: State; token: string | null }
  | { kind: "jwt"; sessionId: string; token: string; expiresAt: number };

export interface Tabs<State> {
  post: (message: TabMessage<State>) => void;
  close: () => void;
}

/**
 * The other tabs of this origin, through a BroadcastChannel: one tab's sign-in, extension or end
 * reaches them without a request each. Nothing where BroadcastChannel is missing.
 */
export function connectTabs<State>(name: string | false, receive: (message: TabMessage<State>) => void): Tabs<State> {
  if (name === false || typeof BroadcastChannel === "undefined") return { post: () => {}, close: () => {} };
  const channel = new BroadcastChannel(name);
  channel.onmessage = (event: { data: unknown }) => receive(event.data as TabMessage<State>);
  return { post: (message) => channel.postMessage(message), close: () => channel.close() };
}
