import { builder } from "../builder.js";
import { badInput } from "../errors.js";
import { askParaWhoItIs, capExpiry, identityOf } from "../para/checked-import.js";
import type { ParaJwtClaims as Claims } from "../para/jwt-verifier.js";
import { WalletRef } from "./session.js";

const JwtClaimsRef = builder.objectRef<Claims>("JwtClaims").implement({
  description: "The claims of a Para JWT, verified against Para's key set (JWKS).",
  fields: (t) => ({
    userId: t.exposeID("userId", { description: "data.userId: Para's id for the user." }),
    subject: t.exposeString("subject", { description: "sub." }),
    audience: t.exposeString("audience", { nullable: true, description: "aud: the id of the app's API key." }),
    issuedAt: t.field({ type: "DateTime", description: "iat.", resolve: (c) => c.issuedAt }),
    expiresAt: t.field({
      type: "DateTime",
      description: "exp: follows the session length.",
      resolve: (c) => c.expiresAt,
    }),
    authType: t.exposeString("authType", { description: "data.authType." }),
    identifier: t.exposeString("identifier", { description: "data.identifier." }),
    email: t.exposeString("email", { nullable: true, description: "data.email, for e-mail users." }),
    phone: t.exposeString("phone", { nullable: true, description: "data.phone, for phone users." }),
    oAuthMethod: t.exposeString("oAuthMethod", { nullable: true, description: "data.oAuthMethod, for OAuth logins." }),
    wallets: t.field({ type: [WalletRef], description: "data.wallets.", resolve: (c) => c.wallets }),
  }),
});

const IssueJwtPayload = builder
  .objectRef<{ token: string; keyId: string; expiresAt: Date; claims: Claims }>("IssueJwtPayload")
  .implement({
    description: "A JWT Para issued for the session.",
    fields: (t) => ({
      token: t.exposeString("token", { description: "The RS256 JWT." }),
      keyId: t.exposeString("keyId", { description: "The kid of the key that signed it, in Para's JWKS." }),
      expiresAt: t.field({ type: "DateTime", description: "When the token expires.", resolve: (p) => p.expiresAt }),
      claims: t.field({ type: JwtClaimsRef, description: "The token's claims, verified.", resolve: (p) => p.claims }),
    }),
  });

builder.mutationField("issueJwt", (t) =>
  t.field({
    type: IssueJwtPayload,
    description: "Has Para issue a JWT for the request's session. Issuing also extends the session.",
    args: {
      keyIndex: t.arg.int({
        defaultValue: 0,
        required: true,
        description: "Which of the app's signing keys Para signs with.",
      }),
    },
    resolve: async (_root, { keyIndex }, ctx) => {
      if (keyIndex < 0 || keyIndex > 100) throw badInput("keyIndex must be from 0 to 100.", "keyIndex");
      const attached = await ctx.gateway.requireSession();
      const para = await ctx.gateway.paraSession();
      const { services } = ctx.gateway;
      const { token, keyId, claims } = await askParaWhoItIs(services, para, keyIndex, "jwt");
      // Issuing extended the session: the token's exp is Para's new expiry, its data Para's identity.
      await ctx.gateway.recordRenewal(attached, para, {
        ...identityOf(claims),
        expiresAt: capExpiry(services.config, claims.expiresAt.getTime()),
      });
      return { token, keyId, expiresAt: claims.expiresAt, claims };
    },
  }),
);
