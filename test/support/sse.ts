import { createClient, type RequestParams } from "graphql-sse";
import { recordResponse } from "./leak-watch.js";

export interface SessionEventData {
  type: "EXTENDED" | "EXPIRING" | "ENDED" | "EXPIRED";
  sessionId: string;
  at: string;
  expiresAt: string | null;
}

export const SESSION_EVENTS = "subscription { sessionEvents { type sessionId at expiresAt } }";

export interface Stream {
  /** Events received so far, with the time each arrived. */
  events: (SessionEventData & { receivedAt: number })[];
  errors: { message: string; extensions?: { code?: string } }[];
  /** Resolves with the next event not yet taken (or rejects after `timeoutMs`). */
  next: (timeoutMs?: number) => Promise<SessionEventData & { receivedAt: number }>;
  /** Resolves when the server ended the stream. */
  completed: Promise<void>;
  close: () => void;
}

/** A subscription through the graphql-sse client (distinct connections mode, as Yoga serves it). */
export function subscribe(
  url: string,
  headers: Record<string, string>,
  request: RequestParams = { query: SESSION_EVENTS },
): Stream {
  const client = createClient({ url, headers, retryAttempts: 0 });
  const events: Stream["events"] = [];
  const errors: Stream["errors"] = [];
  let taken = 0;
  const waiters: (() => void)[] = [];
  let done: () => void = () => {};
  const completed = new Promise<void>((resolve) => {
    done = resolve;
  });
  const dispose = client.subscribe<{ sessionEvents: SessionEventData }>(request, {
    next: (result) => {
      recordResponse(JSON.stringify(result));
      if (result.errors) errors.push(...(result.errors as unknown as Stream["errors"]));
      if (result.data) events.push({ ...result.data.sessionEvents, receivedAt: Date.now() });
      for (const w of waiters.splice(0)) w();
    },
    error: (error) => {
      errors.push({ message: String((error as Error)?.message ?? error) });
      done();
      for (const w of waiters.splice(0)) w();
    },
    complete: () => {
      done();
      for (const w of waiters.splice(0)) w();
    },
  });
  const next = async (timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    while (events.length <= taken) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no session event within ${timeoutMs} ms (errors: ${JSON.stringify(errors)})`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, left);
      });
    }
    return events[taken++] as Stream["events"][number];
  };
  return {
    events,
    errors,
    next,
    completed,
    close: () => {
      dispose();
      client.dispose();
    },
  };
}
