import { decodeJwt } from "jose";
import { builder } from "../builder.js";
import { badInput } from "../errors.js";
import { upstreamError } from "../para/upstream-errors.js";
import type { StoredWallet } from "../store/session-store.js";
import { WalletRef } from "./session.js";

interface Claims {
  userId: string;
  subject: string;
  audience: string | null;
  issuedAt: Date;
  expiresAt: Date;
  authType: string;
  identifier: string;
  email: string | null;
  phone: string | null;
  oAuthMethod: string | null;
  wallets: StoredWallet[];
}

const JwtClaimsRef = builder.objectRef<Claims>("JwtClaims").implement({
  description:
    "The claims of a Para JWT, decoded (Para signed it; verify it against Para's JWKS where you receive it).",
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
      claims: t.field({ type: JwtClaimsRef, description: "The token's claims, decoded.", resolve: (p) => p.claims }),
    }),
  });

const text = (v: unknown) => (typeof v === "string" ? v : null);

function readClaims(token: string): Claims {
  let payload: ReturnType<typeof decodeJwt>;
  try {
    payload = decodeJwt(token);
  } catch {
    throw upstreamError("issuing a JWT: the token is not a JWT");
  }
  const data = (payload.data ?? {}) as Record<string, unknown>;
  const wallets = Array.isArray(data.wallets) ? (data.wallets as Record<string, unknown>[]) : [];
  return {
    userId: text(data.userId) ?? payload.sub ?? "",
    subject: payload.sub ?? "",
    audience: Array.isArray(payload.aud) ? (payload.aud[0] ?? null) : (payload.aud ?? null),
    issuedAt: new Date((payload.iat ?? 0) * 1000),
    expiresAt: new Date((payload.exp ?? 0) * 1000),
    authType: text(data.authType) ?? "",
    identifier: text(data.identifier) ?? "",
    email: text(data.email),
    phone: text(data.phone),
    oAuthMethod: text(data.oAuthMethod),
    wallets: wallets.map((w) => ({
      id: text(w.id) ?? "",
      type: w.type as StoredWallet["type"],
      address: text(w.address),
      publicKey: text(w.publicKey),
    })),
  };
}

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
      const { token, keyId } = await para.issueJwt(keyIndex);
      await ctx.gateway.recordRenewal(attached, para);
      const claims = readClaims(token);
      return { token, keyId, expiresAt: claims.expiresAt, claims };
    },
  }),
);
