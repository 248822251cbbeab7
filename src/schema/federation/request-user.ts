import { sessionTokenFrom } from "../../auth/session-token.js";
import type { Context } from "../../context.js";
import { GatewayError } from "../../errors.js";
import type { StoredWallet } from "../../store/session-store.js";
import { forAudience } from "../../verifier/jwt-verifier.js";

/** The Para user a request is signed in as: from its stored session, or from a Para JWT it carries. */
export interface ParaUser {
  id: string;
  authType: string;
  identifier: string;
  wallets: StoredWallet[];
}

/** A session handle is base64url without dots; a JWT is three base64url parts. */
const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;

const users = new WeakMap<object, Promise<ParaUser | null>>();

/**
 * Who the request is, once per operation however many fields ask. Never from anything the caller names:
 * a session handle (bearer or cookie) resolves through the store as the `session` field does; a bearer
 * Para JWT (what a router's JWT plugin checked and propagated) is verified here again, against Para's key
 * set and PARA_JWT_AUDIENCE. null when the request carries neither.
 */
export function requestUser(ctx: Context): Promise<ParaUser | null> {
  const gateway = ctx.gateway;
  let user = users.get(gateway);
  if (!user) {
    user = resolve(ctx);
    users.set(gateway, user);
  }
  return user;
}

async function resolve({ gateway }: Context): Promise<ParaUser | null> {
  const { config, jwtVerifier } = gateway.services;
  const carried = sessionTokenFrom(gateway.request.headers, config.cookieName);
  if (carried?.source === "bearer" && JWT_SHAPE.test(carried.token)) {
    const { audience } = config.jwt;
    if (!audience) {
      throw new GatewayError(
        "UNAUTHENTICATED",
        "A Para JWT is accepted as the request's credential only once PARA_JWT_AUDIENCE names the app's API key id.",
      );
    }
    const checked = await jwtVerifier.verify(carried.token);
    const result = audience === "any" ? checked : forAudience(checked, audience);
    if (!result.claims) {
      // As an unknown session handle does: refused tokens spend the client's budget of bad credentials.
      await gateway.limit("unknownSession");
      throw new GatewayError("UNAUTHENTICATED", `The Para JWT was refused: ${result.reason}.`, {
        reason: result.reason,
      });
    }
    const { userId, authType, identifier, wallets } = result.claims;
    return { id: userId, authType, identifier, wallets };
  }
  const attached = await gateway.session();
  if (!attached) return null;
  const { userId, authType, identifier, wallets } = attached.stored;
  return { id: userId, authType, identifier, wallets };
}
