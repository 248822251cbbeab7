import { builder, WalletTypeEnum } from "../builder.js";
import type { Context } from "../context.js";
import { capExpiry, checkedImport } from "../para/checked-import.js";
import { cookieExpiry } from "../para/session-blob.js";
import type { StoredSession, StoredWallet } from "../store/session-store.js";

/** Para's default session length, for records stored before the gateway learnt it from Para. */
const DEFAULT_SESSION_MS = 30 * 60 * 1000;

export const WalletRef = builder.objectRef<StoredWallet>("Wallet").implement({
  description: "A wallet of the session's user, as Para's signed answer describes it.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "Para's id for the wallet." }),
    type: t.field({ type: WalletTypeEnum, description: "The chain family.", resolve: (w) => w.type }),
    address: t.exposeString("address", { nullable: true, description: "The wallet's address on its chain." }),
    publicKey: t.exposeString("publicKey", { nullable: true, description: "The wallet's public key, hex." }),
  }),
});

/** A stored session, and Para's answer on whether it is live when the resolver already has it. */
interface SessionShape {
  stored: StoredSession;
  active?: boolean;
}

export const SessionRef = builder.objectRef<SessionShape>("Session").implement({
  description: "A Para session the gateway holds for the request's user.",
  fields: (t) => ({
    userId: t.id({ description: "Para's id for the user.", resolve: (s) => s.stored.userId }),
    authType: t.string({
      description: "How the user logged in: email, phone, farcaster, telegram, externalWallet, …",
      resolve: (s) => s.stored.authType,
    }),
    identifier: t.string({
      description: "The user's identifier for that method (an e-mail address, a phone number, …).",
      resolve: (s) => s.stored.identifier,
    }),
    active: t.boolean({
      description: "Whether Para says the session is live, and the same user's, right now (asks Para: POST /touch).",
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
      return attached ? { stored: attached.stored } : null;
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
    },
    resolve: async (_root, args, ctx) => {
      await ctx.gateway.limit("import");
      const { stored, para } = await checkedImport(ctx.gateway.services, args.session);
      const { token } = await ctx.gateway.attachNew(stored, para);
      return { sessionToken: token, session: { stored, active: true } };
    },
  }),
);

const KeepSessionAlivePayload = builder.objectRef<{ alive: boolean; session: SessionShape | null }>(
  "KeepSessionAlivePayload",
);
KeepSessionAlivePayload.implement({
  description: "Whether Para extended the session.",
  fields: (t) => ({
    alive: t.exposeBoolean("alive", {
      description:
        "true when Para extended the session; false when the session is over (log in again). An outage is an UPSTREAM_* error, never false.",
    }),
    session: t.field({
      type: SessionRef,
      nullable: true,
      description: "The session, with its new expiry.",
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
      const before = para.sessionCookie();
      const alive = await para.keepAlive(attached.stored.userId);
      if (!alive) return { alive, session: { stored: attached.stored, active: false } };
      // Para's renewed cookie says the new expiry; without one, the session length Para's JWT showed.
      const renewed = para.sessionCookie();
      const length = attached.stored.sessionLengthMs ?? DEFAULT_SESSION_MS;
      const until = (renewed !== before && renewed && cookieExpiry(renewed)) || Date.now() + length;
      const stored = await ctx.gateway.recordRenewal(attached, para, {
        expiresAt: capExpiry(ctx.gateway.services.config, until),
      });
      return { alive, session: { stored, active: true } };
    },
  }),
);

builder.mutationField("endSession", (t) =>
  t.boolean({
    description:
      "Forgets the request's stored session and clears the cookie. The user stays logged in to Para on their own device. true when a session was forgotten.",
    resolve: (_root, _args, ctx) => ctx.gateway.forgetSession(),
  }),
);
