import type { IncomingMessage } from "node:http";
import { HttpError, Reply, type RequestContext, type Route, requiredString, route } from "./http.js";
import { currentWalletIds, type Model, type Partner, type Session, type User } from "./model.js";
import type { SessionCookies } from "./session-cookie.js";
import type { JwtClaimsInput, SigningKeys } from "./signing-keys.js";

/** The header the SDK sends its session cookie in, and reads a renewed cookie from. */
export const SESSION_HEADER = "x-capsule-sid";

interface Deps {
  model: Model;
  cookies: SessionCookies;
  keys: SigningKeys;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** What Para's API routes share: who is calling (public key) and with which session. */
function caller({ model, cookies }: Deps, req: IncomingMessage) {
  const partner = model.partnerByPublicKey(header(req, "x-external-api-key"));
  if (!partner) throw new HttpError(403, "Invalid API key");
  const session = model.session(cookies.parse(header(req, SESSION_HEADER)));
  return { partner, session: session?.partnerId === partner.id ? session : undefined };
}

function authenticated(deps: Deps, req: IncomingMessage): { partner: Partner; session: Session; user: User } {
  const { partner, session } = caller(deps, req);
  const user = session?.userId ? deps.model.user(session.userId) : undefined;
  if (!session || !user || !deps.model.isActive(session)) throw new HttpError(403, "User is not authenticated");
  return { partner, session, user };
}

/** Server-to-server routes take the secret key and nothing else. */
function secretCaller({ model }: Deps, req: IncomingMessage): Partner {
  const partner = model.partnerBySecretKey(header(req, "x-external-api-key"));
  if (!partner) throw new HttpError(401, "Invalid secret API key");
  return partner;
}

function renewedCookie(deps: Deps, session: Session) {
  return { [SESSION_HEADER]: deps.cookies.format(session.id, session.expiresAt) };
}

/** What Para's JWTs say: `data` with the user and wallets, `sub`, `aud` (the API key's id), `iat`, `exp`. */
export function jwtClaims(user: User, audience: string, iat: number, exp: number): JwtClaimsInput {
  return {
    data: {
      userId: user.id,
      wallets: user.wallets.map(({ id, type, address, publicKey }) => ({ id, type, address, publicKey })),
      [user.authType]: user.identifier,
      authType: user.authType,
      identifier: user.identifier,
    },
    sub: user.id,
    aud: audience,
    iat,
    exp,
  };
}

export function paraRoutes(deps: Deps): Route[] {
  const { model, keys } = deps;
  return [
    route("POST", "/touch", ({ req }: RequestContext) => {
      const { partner, session } = caller(deps, req);
      const base = {
        partnerId: partner.id,
        supportedWalletTypes: partner.supportedWalletTypes,
        cosmosPrefix: partner.cosmosPrefix,
      };
      const user = session?.userId ? model.user(session.userId) : undefined;
      if (session && user && model.isActive(session)) {
        return {
          ...base,
          isAuthenticated: true,
          userId: user.id,
          sessionId: session.id,
          sessionLookupId: session.lookupId,
          currentWalletIds: currentWalletIds(user),
          needsWallet: false,
          verifiedExternalWalletAddresses: [],
        };
      }
      // Like express-session, a request without a live session gets a new anonymous one and its cookie.
      if (session && !session.userId && model.isActive(session)) {
        return { ...base, isAuthenticated: false, sessionId: session.id, sessionLookupId: session.lookupId };
      }
      const anonymous = model.startSession(partner, undefined);
      return new Reply(
        200,
        { ...base, isAuthenticated: false, sessionId: anonymous.id, sessionLookupId: anonymous.lookupId },
        renewedCookie(deps, anonymous),
      );
    }),

    route("GET", "/partners/:id", ({ req, params }: RequestContext) => {
      caller(deps, req);
      const partner = model.partners.get(params.id ?? "");
      if (!partner) throw new HttpError(404, "Partner not found");
      return {
        partner: {
          id: partner.id,
          name: partner.name,
          displayName: partner.name,
          supportedWalletTypes: partner.supportedWalletTypes,
          cosmosPrefix: partner.cosmosPrefix,
          supportedAuthMethods: ["EMAIL", "PHONE"],
        },
      };
    }),

    route("GET", "/logout", ({ req }: RequestContext) => {
      const { session } = caller(deps, req);
      if (session) model.end(session);
      return {};
    }),

    route("POST", "/users/:userId/session/keep-alive", ({ req, params }: RequestContext) => {
      const { session, user } = authenticated(deps, req);
      if (user.id !== params.userId) throw new HttpError(403, "Session does not belong to this user");
      model.extend(session);
      session.keptAliveAt.push(model.now());
      return new Reply(200, {}, renewedCookie(deps, session));
    }),

    route("POST", "/auth/jwt", async ({ req, body }: RequestContext) => {
      const { partner, session, user } = authenticated(deps, req);
      const keyIndex = (await body()).keyIndex ?? 0;
      if (typeof keyIndex !== "number" || !keys.has(keyIndex)) throw new HttpError(400, "Invalid keyIndex");
      model.extend(session);
      const iat = Math.floor(model.now() / 1000);
      const issued = await keys.sign(
        keyIndex,
        jwtClaims(user, partner.apiKeyId, iat, Math.floor(session.expiresAt / 1000)),
      );
      return new Reply(200, issued, renewedCookie(deps, session));
    }),

    route("POST", "/sessions/verify", async ({ req, body }: RequestContext) => {
      const partner = secretCaller(deps, req);
      const token = requiredString(await body(), "verificationToken");
      const session = model.sessionByLookupId(token);
      const user = session?.userId ? model.user(session.userId) : undefined;
      if (!session || !user || session.partnerId !== partner.id) throw new HttpError(404, "Session not found");
      if (!model.isActive(session)) throw new HttpError(403, "Session has expired");
      return { authType: user.authType, identifier: user.identifier, userId: user.id };
    }),

    route("POST", "/wallets/verify", async ({ req, body }: RequestContext) => {
      const partner = secretCaller(deps, req);
      const address = requiredString(await body(), "address");
      const wallet = model.walletByAddress(partner, address);
      if (!wallet) throw new HttpError(404, "Wallet not found");
      return { walletId: wallet.id };
    }),

    route("GET", "/.well-known/jwks.json", () => keys.jwks()),
  ];
}
