import { builder } from "../../builder.js";
import { AuthTypeEnum, authTypeOf } from "../auth-type.js";
import { WalletRef } from "../session.js";
import { type ParaUser, requestUser } from "./request-user.js";

export const ParaUserRef = builder.objectRef<ParaUser>("ParaUser").implement({
  description:
    "The Para user the request is signed in as. In a supergraph, an entity keyed by id that other subgraphs extend (orders, profile, permissions).",
  fields: (t) => ({
    id: t.exposeID("id", { description: "Para's id for the user." }),
    authType: t.field({
      type: AuthTypeEnum,
      description: "How the user logged in.",
      resolve: (u) => authTypeOf(u.authType),
    }),
    identifier: t.exposeString("identifier", {
      description: "The user's identifier for that method (an e-mail address, a phone number, …).",
    }),
    wallets: t.field({ type: [WalletRef], description: "The user's wallets.", resolve: (u) => u.wallets }),
  }),
});

builder.asEntity(ParaUserRef, {
  key: builder.selection<{ id: string }>("id"),
  // The router's representation only names an id: the user's data comes from the request's own session or
  // JWT, and any other user's id resolves to null (a token never reaches another user's entity).
  resolveReference: async (reference, ctx) => {
    const user = await requestUser(ctx);
    return user && user.id === reference.id ? user : null;
  },
});

builder.queryField("me", (t) =>
  t.field({
    type: ParaUserRef,
    nullable: true,
    description:
      "The Para user the request is signed in as (its session handle, or a Para JWT as a router propagates it); null when it carries neither.",
    resolve: (_root, _args, ctx) => requestUser(ctx),
  }),
);
