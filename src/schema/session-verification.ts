import { builder } from "../builder.js";
import { badInput } from "../errors.js";
import type { SessionVerification } from "../para/verify-api.js";
import { AuthTypeEnum, authTypeOf } from "./auth-type.js";

const MAX_TOKEN_LENGTH = 512;

const SessionVerificationRef = builder.objectRef<SessionVerification>("SessionVerification").implement({
  description: "Para's answer on a client's verification token.",
  fields: (t) => ({
    valid: t.exposeBoolean("valid", { description: "true when the token names a live session of this app." }),
    userId: t.exposeID("userId", { nullable: true, description: "The session's user, when valid." }),
    authType: t.field({
      type: AuthTypeEnum,
      nullable: true,
      description: "How the user logged in, when valid.",
      resolve: (v) => (v.authType === null ? null : authTypeOf(v.authType)),
    }),
    identifier: t.exposeString("identifier", { nullable: true, description: "The user's identifier, when valid." }),
    oAuthMethod: t.exposeString("oAuthMethod", { nullable: true, description: "The OAuth provider, if any." }),
  }),
});

builder.queryField("verifySession", (t) =>
  t.field({
    type: SessionVerificationRef,
    description:
      "Verifies a token from the client SDK's `getVerificationToken()`, for clients that do not import sessions. For backends: needs a gateway key (X-Gateway-Key) unless VERIFY_ACCESS=public. Needs PARA_SECRET_API_KEY.",
    args: {
      verificationToken: t.arg.string({ required: true, description: "What `getVerificationToken()` returned." }),
    },
    resolve: async (_root, { verificationToken }, ctx) => {
      ctx.gateway.requireBackend();
      await ctx.gateway.limit("verify");
      if (verificationToken.length === 0 || verificationToken.length > MAX_TOKEN_LENGTH) {
        throw badInput(`verificationToken must be 1 to ${MAX_TOKEN_LENGTH} characters.`, "verificationToken");
      }
      return ctx.gateway.services.verifyApi.verifySession(verificationToken);
    },
  }),
);
