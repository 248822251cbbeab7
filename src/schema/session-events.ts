import { builder } from "../builder.js";
import { SESSION_EVENT_TYPES, type SessionEvent } from "../events/session-events.js";
import { sessionStream } from "../events/session-stream.js";
import { ParaSession } from "../para/para-session.js";

const MEANINGS: Record<(typeof SESSION_EVENT_TYPES)[number], string> = {
  EXTENDED: "Para extended the session (keepSessionAlive, issueJwt, or the keeper); expiresAt is the new expiry.",
  EXPIRING: "The session ends within SESSION_EXPIRING_NOTICE_MS and nothing has extended it.",
  ENDED: "The session was ended in the gateway (endSession or endAllSessions, on any replica). The stream ends.",
  EXPIRED:
    "The session is over: its expiry passed with nothing extending it (the gateway no longer holds it), or Para says so. The stream ends.",
};

const SessionEventTypeEnum = builder.enumType("SessionEventType", {
  description: "What happened to the session.",
  values: Object.fromEntries(SESSION_EVENT_TYPES.map((t) => [t, { value: t, description: MEANINGS[t] }])),
});

const SessionEventRef = builder.objectRef<SessionEvent>("SessionEvent").implement({
  description: "Something that happened to the subscriber's session.",
  fields: (t) => ({
    type: t.field({ type: SessionEventTypeEnum, description: "What happened.", resolve: (e) => e.type }),
    sessionId: t.exposeID("sessionId", {
      description: "The session's id (Session.id): a client cache updates that session's expiresAt, or evicts it.",
    }),
    at: t.field({ type: "DateTime", description: "When it happened.", resolve: (e) => e.at }),
    expiresAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "The session's expiry as Para last said it; null once it ended or expired.",
      resolve: (e) => (e.expiresAt === null ? null : new Date(e.expiresAt)),
    }),
  }),
});

builder.subscriptionField("sessionEvents", (t) =>
  t.field({
    type: SessionEventRef,
    description:
      "Events of the request's session (cookie or bearer token, as for queries), over Server-Sent Events: EXTENDED, EXPIRING, ENDED, EXPIRED. Ends after ENDED or EXPIRED. UNAUTHENTICATED, before any stream starts, without a valid session.",
    subscribe: async (_root, _args, ctx) => {
      const attached = await ctx.gateway.requireSession();
      const { events, config, streams, store, paraFactory, upstream } = ctx.gateway.services;
      const release = streams.admit(ctx.gateway.clientAddress, attached.stored.userId);
      return sessionStream(
        {
          events,
          expiringNoticeMs: config.expiringNoticeMs,
          idleTimeoutMs: config.streams.idleTimeoutMs,
          stored: () => store.getById(attached.recordId),
          // A fresh instance each time, dropped after: a stream holds no SDK instance while it waits.
          isActive: async (stored) =>
            (await ParaSession.open(paraFactory, upstream, stored.blob)).isActiveFor(stored.userId),
        },
        attached.recordId,
        attached.stored.expiresAt,
        release,
      );
    },
    resolve: (event) => event,
  }),
);
