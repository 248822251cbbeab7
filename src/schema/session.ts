import { builder, WalletTypeEnum } from "../builder.js";
import type { Context } from "../context.js";
import { checkedImport } from "../para/checked-import.js";
import { extendSession } from "../para/session-extension.js";
import type { SessionSummary, StoredSession, StoredWallet } from "../store/session-store.js";
import { AuthTypeEnum, authTypeOf } from "./auth-type.js";

export const WalletRef = builder.objectRef<StoredWallet>("Wallet").implement({
  description: "A wallet of the session's user, as Para's signed answer describes it.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "Para's id for the wallet." }),
    type: t.field({ type: WalletTypeEnum, description: "The chain family.", resolve: (w) => w.type }),
    address: t.exposeString("address", { nullable: true, description: "The wallet's address on its chain." }),
    publicKey: t.exposeString("publicKey", { nullable: true, description: "The wallet's public key, hex." }),
  }),
});

/** A stored session with its public id, and Para's answer on whether it is live when the resolver already has it. */
export interface SessionShape {
  id: string;
  stored: StoredSession;
  active?: boolean;
}

export const SessionRef = builder.objectRef<SessionShape>("Session").implement({
  description: "A Para session the gateway holds for the request's user.",
  fields: (t) => ({
    id: t.exposeID("id", {
      description: "The session's id: stable for the session, opaque, and not usable as its token.",
    }),
    userId: t.id({ description: "Para's id for the user.", resolve: (s) => s.stored.userId }),
    authType: t.field({
      type: AuthTypeEnum,
      description: "How the user logged in.",
      resolve: (s) => authTypeOf(s.stored.authType),
    }),
    identifier: t.string({
      description: "The user's identifier for that method (an e-mail address, a phone number, …).",
      resolve: (s) => s.stored.identifier,
    }),
    active: t.boolean({
      nullable: true,
      description:
        "Whether Para says the session is live, and the same user's, right now (asks Para: POST /touch). null, with an UPSTREAM_* error beside it, when Para cannot say (an outage): unknown, not signed out.",
      resolve: async (s, _args, ctx) => s.active ?? (await ctx.gateway.paraSession()).isActiveFor(s.stored.userId),
    }),
    wallets: t.field({ type: [WalletRef], description: "The user's wallets.", resolve: (s) => s.stored.wallets }),
    importedAt: t.field({
      type: "DateTime",
      description: "When the session was imported into the gateway.",
      resolve: (s) => s.stored.importedAt,
    }),
    expiresAt: t.field({
      type: "DateTime",
      description: "When Para last said the session ends; keepSessionAlive and issueJwt move it.",
      resolve: (s) => new Date(s.stored.expiresAt),
    }),
    keepAlive: t.boolean({
      description:
        "Whether the gateway extends the session in the background (importSession's keepAlive, setKeepAlive).",
      resolve: (s) => s.stored.keepAlive === true,
    }),
    lastExtendedAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When Para last extended the session (keepSessionAlive, issueJwt or the keeper); null until then.",
      resolve: (s) => s.stored.lastExtendedAt ?? null,
    }),
    signersPresent: t.boolean({
      description: "Whether the gateway kept the wallets' signer (MPC key share) data. Off by default: it never signs.",
      resolve: (s) => s.stored.signersPresent,
    }),
  }),
});

builder.queryField("session", (t) =>
  t.field({
    type: SessionRef,
    nullable: true,
    description:
      "The session this request carries (Authorization: Bearer <sessionToken>, or the para_session cookie); null when it carries none.",
    resolve: async (_root, _args, ctx) => {
      const attached = await ctx.gateway.session();
      return attached ? { id: attached.id, stored: attached.stored } : null;
    },
  }),
);

const ImportSessionPayload = builder.objectRef<{ sessionToken: string; session: SessionShape }>("ImportSessionPayload");
ImportSessionPayload.implement({
  description: "The stored session and its handle.",
  fields: (t) => ({
    sessionToken: t.exposeString("sessionToken", {
      description: "The handle to send as `Authorization: Bearer <sessionToken>`; also set as the para_session cookie.",
    }),
    session: t.field({ type: SessionRef, description: "The imported session.", resolve: (p) => p.session }),
  }),
});

builder.mutationField("importSession", (t) =>
  t.field({
    type: ImportSessionPayload,
    description:
      "Imports a session the client SDK exported (`para.exportSession()`), has Para confirm it is live and whose it is, and stores it. A session that claims anything Para does not confirm is refused. Each import gets a new handle.",
    args: {
      session: t.arg.string({ required: true, description: "The string `exportSession()` returned." }),
      keepAlive: t.arg.boolean({
        defaultValue: false,
        required: true,
        description:
          "Extend the session in the background until it is ended, Para refuses, or KEEPALIVE_MAX_DAYS pass (one call to Para per session per cycle).",
      }),
    },
    resolve: async (_root, args, ctx) => {
      await ctx.gateway.limit("import");
      const { stored, para } = await checkedImport(ctx.gateway.services, args.session, args.keepAlive);
      const { token, id } = await ctx.gateway.attachNew(stored, para);
      return { sessionToken: token, session: { id, stored, active: true } };
    },
  }),
);

const KeepSessionAlivePayload = builder.objectRef<{ alive: boolean; session: SessionShape }>("KeepSessionAlivePayload");
KeepSessionAlivePayload.implement({
  description: "Whether Para extended the session.",
  fields: (t) => ({
    alive: t.exposeBoolean("alive", {
      description:
        "true when Para extended the session; false when the session is over (log in again). An outage is an UPSTREAM_* error, never false.",
    }),
    session: t.field({
      type: SessionRef,
      description: "The session: with its new expiry when alive, as it was (and active: false) when not.",
      resolve: (p) => p.session,
    }),
  }),
});

builder.mutationField("keepSessionAlive", (t) =>
  t.field({
    type: KeepSessionAlivePayload,
    description: "Extends the request's session by its full length at Para.",
    resolve: async (_root, _args, ctx: Context) => {
      const attached = await ctx.gateway.requireSession();
      const para = await ctx.gateway.paraSession();
      const renewed = await extendSession(para, attached.stored, ctx.gateway.services.config);
      if (!renewed) return { alive: false, session: { id: attached.id, stored: attached.stored, active: false } };
      const stored = await ctx.gateway.recordChange(attached, renewed);
      return { alive: true, session: { id: attached.id, stored, active: true } };
    },
  }),
);

builder.mutationField("setKeepAlive", (t) =>
  t.field({
    type: SessionRef,
    description: "Turns background extension of the request's session on (for KEEPALIVE_MAX_DAYS from now) or off.",
    args: { enabled: t.arg.boolean({ required: true, description: "true: keep it alive; false: stop." }) },
    resolve: async (_root, { enabled }, ctx) => {
      const attached = await ctx.gateway.setKeepAlive(enabled);
      return { id: attached.id, stored: attached.stored };
    },
  }),
);

const SessionSummaryRef = builder.objectRef<SessionSummary & { current: boolean }>("SessionSummary").implement({
  description: "One of the sessions the gateway holds for the request's user (no token, no session data).",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The session's id (Session.id): for endSession(id), not usable as a token." }),
    importedAt: t.field({
      type: "DateTime",
      description: "When it was imported.",
      resolve: (s) => s.importedAt,
    }),
    expiresAt: t.field({
      type: "DateTime",
      description: "When Para last said it ends.",
      resolve: (s) => new Date(s.expiresAt),
    }),
    keepAlive: t.exposeBoolean("keepAlive", { description: "Whether the gateway extends it in the background." }),
    current: t.exposeBoolean("current", { description: "Whether it is the session this request carries." }),
  }),
});

builder.queryField("mySessions", (t) =>
  t.field({
    type: [SessionSummaryRef],
    description: "Every session the gateway holds for the request's user, from every replica, oldest import first.",
    resolve: (_root, _args, ctx) => ctx.gateway.userSessions(),
  }),
);

// No `id` field: a client cache would store the payload as an entity of its own under the session's id.
const EndSessionPayload = builder
  .objectRef<{ ended: boolean; sessionId: string | null }>("EndSessionPayload")
  .implement({
    description: "What endSession ended.",
    fields: (t) => ({
      ended: t.exposeBoolean("ended", { description: "true when a stored session was forgotten." }),
      sessionId: t.exposeID("sessionId", {
        nullable: true,
        description: "The ended session's id (Session.id), for a client cache to evict; null when nothing was ended.",
      }),
    }),
  });

builder.mutationField("endSession", (t) =>
  t.field({
    type: EndSessionPayload,
    description:
      "Forgets a stored session: the request's own (and clears the cookie), or with `id` another of the user's sessions (mySessions). The user stays logged in to Para on their own device.",
    args: {
      id: t.arg.id({
        required: false,
        description: "One of the request user's session ids; the request's own when absent.",
      }),
    },
    resolve: async (_root, { id }, ctx) => {
      const target = id ? String(id) : ctx.gateway.requestSessionId();
      const ended = id ? await ctx.gateway.forgetUserSession(String(id)) : await ctx.gateway.forgetSession();
      return { ended, sessionId: ended ? target : null };
    },
  }),
);

builder.mutationField("endAllSessions", (t) =>
  t.int({
    description:
      "Forgets every session the gateway holds for the request's user, on every replica (this one included), and says how many.",
    resolve: (_root, _args, ctx) => ctx.gateway.forgetAllUserSessions(),
  }),
);
