import { builder } from "../builder.js";
import { badInput, GatewayError } from "../errors.js";
import { askParaWhoItIs, capExpiry, identityOf } from "../para/checked-import.js";
import { renewedBy } from "../para/session-extension.js";
import {
  type ParaJwtClaims as Claims,
  forAudience,
  JWT_REJECTIONS,
  type JwtVerification,
} from "../verifier/jwt-verifier.js";
import { AuthTypeEnum, authTypeOf } from "./auth-type.js";
import { SessionRef, type SessionShape, WalletRef } from "./session.js";

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
    authType: t.field({ type: AuthTypeEnum, description: "data.authType.", resolve: (c) => authTypeOf(c.authType) }),
    identifier: t.exposeString("identifier", { description: "data.identifier." }),
    email: t.exposeString("email", { nullable: true, description: "data.email, for e-mail users." }),
    phone: t.exposeString("phone", { nullable: true, description: "data.phone, for phone users." }),
    oAuthMethod: t.exposeString("oAuthMethod", { nullable: true, description: "data.oAuthMethod, for OAuth logins." }),
    wallets: t.field({ type: [WalletRef], description: "data.wallets.", resolve: (c) => c.wallets }),
  }),
});

const IssueJwtPayload = builder
  .objectRef<{ token: string; keyId: string; expiresAt: Date; claims: Claims; session: SessionShape }>(
    "IssueJwtPayload",
  )
  .implement({
    description: "A JWT Para issued for the session.",
    fields: (t) => ({
      token: t.exposeString("token", { description: "The RS256 JWT." }),
      keyId: t.exposeString("keyId", { description: "The kid of the key that signed it, in Para's JWKS." }),
      expiresAt: t.field({ type: "DateTime", description: "When the token expires.", resolve: (p) => p.expiresAt }),
      claims: t.field({ type: JwtClaimsRef, description: "The token's claims, verified.", resolve: (p) => p.claims }),
      session: t.field({
        type: SessionRef,
        description: "The session, with the new expiry issuing gave it: a client cache stays right without a refetch.",
        resolve: (p) => p.session,
      }),
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
      const stored = await ctx.gateway.recordChange(
        attached,
        renewedBy(para, attached.stored, {
          ...identityOf(claims),
          expiresAt: capExpiry(services.config, claims.expiresAt.getTime()),
        }),
      );
      return { token, keyId, expiresAt: claims.expiresAt, claims, session: { id: attached.id, stored, active: true } };
    },
  }),
);

/** Tokens longer than this are refused as input: no Para JWT comes near it. */
const MAX_TOKEN_BYTES = 16 * 1024;

const REJECTION_MEANINGS: Record<(typeof JWT_REJECTIONS)[number], string> = {
  MALFORMED: "Not a JWT, or without the claims every Para JWT carries.",
  ALGORITHM_NOT_ALLOWED: "Signed with anything but RS256 (none, HS256, …).",
  UNKNOWN_KEY: "Its kid names no key in Para's key set, even after a refetch.",
  BAD_SIGNATURE: "The signature does not match the header and payload.",
  EXPIRED: "Past its exp (beyond JWT_CLOCK_TOLERANCE_S).",
  NOT_YET_VALID: "Before its nbf or iat (beyond JWT_CLOCK_TOLERANCE_S).",
  WRONG_AUDIENCE: "Its aud is not PARA_JWT_AUDIENCE.",
};

const JwtRejectionEnum = builder.enumType("JwtRejection", {
  description: "Why a token was refused.",
  values: Object.fromEntries(JWT_REJECTIONS.map((r) => [r, { value: r, description: REJECTION_MEANINGS[r] }])),
});

const JwtVerificationRef = builder.objectRef<JwtVerification>("JwtVerification").implement({
  description: "A Para JWT checked locally against Para's key set: no call to Para per token.",
  fields: (t) => ({
    valid: t.exposeBoolean("valid", { description: "true when the token is Para's, unexpired, and for this app." }),
    reason: t.field({
      type: JwtRejectionEnum,
      nullable: true,
      description: "Why the token was refused; null when valid.",
      resolve: (v) => v.reason,
    }),
    keyId: t.exposeString("keyId", { nullable: true, description: "The token's kid, when its header names one." }),
    expiresAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "exp, when valid.",
      resolve: (v) => v.expiresAt,
    }),
    claims: t.field({
      type: JwtClaimsRef,
      nullable: true,
      description: "The token's claims, when valid.",
      resolve: (v) => v.claims,
    }),
  }),
});

builder.queryField("verifyJwt", (t) =>
  t.field({
    type: JwtVerificationRef,
    description:
      "Verifies a Para JWT for this app (from issueJwt or the client SDK) against Para's key set, cached: RS256 only, exp/nbf with JWT_CLOCK_TOLERANCE_S, aud = PARA_JWT_AUDIENCE (NOT_CONFIGURED until it is set; `any` accepts every app's tokens). An invalid token is an answer (valid: false), not an error. No session needed.",
    args: { token: t.arg.string({ required: true, description: "The JWT, as issued." }) },
    resolve: async (_root, { token }, ctx) => {
      if (Buffer.byteLength(token) > MAX_TOKEN_BYTES) {
        throw badInput(`The token is larger than ${MAX_TOKEN_BYTES} bytes: no Para JWT is.`, "token");
      }
      const { jwtVerifier, config } = ctx.gateway.services;
      const { audience } = config.jwt;
      if (audience === undefined) {
        throw new GatewayError(
          "NOT_CONFIGURED",
          "verifyJwt needs PARA_JWT_AUDIENCE: your Para API key's id (the aud of the JWTs Para issues your app), or `any` to accept every Para app's tokens.",
        );
      }
      // The audience is checked here, not in the shared verifier: the import's check takes the tokens Para
      // issues to the gateway's own key, whatever PARA_JWT_AUDIENCE says.
      const checked = await jwtVerifier.verify(token);
      ctx.gateway.reusableFor(jwtVerifier.reusableForMs(checked));
      return audience === "any" ? checked : forAudience(checked, audience);
    },
  }),
);
