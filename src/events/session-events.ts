import type { TypedEventTarget } from "@graphql-yoga/typed-event-target";
import { createPubSub } from "graphql-yoga";
import { publicSessionId } from "../store/session-store.js";

export const SESSION_EVENT_TYPES = ["EXTENDED", "EXPIRING", "ENDED", "EXPIRED"] as const;
export type SessionEventType = (typeof SESSION_EVENT_TYPES)[number];

export interface SessionEvent {
  type: SessionEventType;
  /** The session's public id (Session.id). */
  sessionId: string;
  /** When it happened (ISO). */
  at: string;
  /** The session's expiry as Para last said it (epoch ms); null once it ended. */
  expiresAt: number | null;
}

/** An event of the stored session `recordId`, happening now. */
export function sessionEvent(recordId: string, type: SessionEventType, expiresAt: number | null): SessionEvent {
  return { type, sessionId: publicSessionId(recordId), at: new Date().toISOString(), expiresAt };
}

/** Events about one stored session, routed by its record id. */
const TOPIC = "para-gateway:session-events";

type Topics = { [TOPIC]: [recordId: string, event: SessionEvent] };

/**
 * Session events, published where they happen (a request extends or ends a session, the keeper
 * extends one or learns Para ended it) and delivered to the streams subscribed to that session. Through
 * Redis pub/sub when the store is Redis, so an event on one replica reaches streams on every other;
 * in this process otherwise.
 */
export class SessionEvents {
  private readonly pubsub;

  constructor(eventTarget?: TypedEventTarget<CustomEvent>) {
    this.pubsub = createPubSub<Topics>(eventTarget ? { eventTarget } : undefined);
  }

  publish(recordId: string, type: SessionEventType, expiresAt: number | null): void {
    this.pubsub.publish(TOPIC, recordId, sessionEvent(recordId, type, expiresAt));
  }

  subscribe(recordId: string) {
    return this.pubsub.subscribe(TOPIC, recordId);
  }
}
