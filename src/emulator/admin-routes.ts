import { isWalletType, type WalletType } from "../chains/addresses.js";
import type { FaultConfig, Faults } from "./faults.js";
import { HttpError, optionalString, type RequestContext, type Route, requiredString, route } from "./http.js";
import { MAX_SESSION_LENGTH_SECONDS, type Model, type Partner } from "./model.js";
import { jwtClaims } from "./para-routes.js";
import { serializeSession } from "./session-blob.js";
import type { SessionCookies } from "./session-cookie.js";
import type { SigningKeys } from "./signing-keys.js";
import type { Stats } from "./stats.js";

interface Deps {
  model: Model;
  cookies: SessionCookies;
  faults: Faults;
  stats: Stats;
  keys: SigningKeys;
  defaultPartner: Partner;
}

const FAULT_MODES = ["none", "error500", "hang", "malformed", "reset", "status"] as const;

function walletTypes(value: unknown): WalletType[] {
  if (value === undefined) return ["EVM"];
  if (!Array.isArray(value) || value.length === 0 || !value.every(isWalletType)) {
    throw new HttpError(400, 'walletTypes must be a non-empty list of "EVM", "SOLANA", "COSMOS"');
  }
  return value;
}

function faultConfig(value: unknown): FaultConfig {
  if (typeof value !== "object" || value === null) throw new HttpError(400, "fault must be an object");
  const { mode, routes, rate, partnerId, status } = value as Record<string, unknown>;
  if (!FAULT_MODES.includes(mode as never))
    throw new HttpError(400, `fault.mode must be one of ${FAULT_MODES.join(", ")}`);
  if (routes !== undefined && !(Array.isArray(routes) && routes.every((r) => typeof r === "string"))) {
    throw new HttpError(400, 'fault.routes must be a list of routes such as "POST /touch"');
  }
  if (rate !== undefined && !(typeof rate === "number" && rate >= 0 && rate <= 1)) {
    throw new HttpError(400, "fault.rate must be a number from 0 to 1");
  }
  if (partnerId !== undefined && typeof partnerId !== "string")
    throw new HttpError(400, "fault.partnerId must be a string");
  if (mode === "status" && !(Number.isInteger(status) && (status as number) >= 400 && (status as number) <= 599)) {
    throw new HttpError(400, "fault.status must be an HTTP status from 400 to 599");
  }
  return {
    mode: mode as FaultConfig["mode"],
    routes: routes as string[] | undefined,
    rate: (rate as number) ?? 1,
    partnerId: partnerId as string | undefined,
    ...(mode === "status" ? { status: status as number } : {}),
  };
}

/** A session length in seconds, as the admin API takes it. */
function sessionLength(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (!(Number.isInteger(value) && (value as number) > 0 && (value as number) <= MAX_SESSION_LENGTH_SECONDS)) {
    throw new HttpError(400, `sessionLengthSeconds must be a whole number from 1 to ${MAX_SESSION_LENGTH_SECONDS}`);
  }
  return value as number;
}

/** The emulator's own control API under `/_emulator/`: seeding, time travel, latency and faults. */
export function adminRoutes({ model, cookies, faults, stats, keys, defaultPartner }: Deps): Route[] {
  const partnerFor = (body: Record<string, unknown>) => {
    const id = optionalString(body, "partnerId");
    if (id === undefined) return defaultPartner;
    const partner = model.partners.get(id);
    if (!partner) throw new HttpError(404, `Unknown partnerId ${id}`);
    return partner;
  };
  const config = () => ({
    sessionLengthSeconds: model.sessionLengthSeconds,
    latencyMs: faults.latencyMs,
    fault: faults.fault,
  });

  return [
    route("POST", "/_emulator/partners", async ({ body }: RequestContext) => {
      const b = await body();
      const partner = model.addPartner({
        name: optionalString(b, "name"),
        sessionLengthSeconds: sessionLength(b.sessionLengthSeconds),
      });
      return { id: partner.id, name: partner.name, publicKey: partner.publicKey, secretKey: partner.secretKey };
    }),

    route("POST", "/_emulator/users", async ({ body }: RequestContext) => {
      const b = await body();
      const user = model.addUser(partnerFor(b), {
        email: optionalString(b, "email"),
        phone: optionalString(b, "phone"),
        walletTypes: walletTypes(b.walletTypes),
      });
      return {
        userId: user.id,
        authType: user.authType,
        identifier: user.identifier,
        wallets: user.wallets.map(({ id, type, address, publicKey }) => ({ id, type, address, publicKey })),
      };
    }),

    route("POST", "/_emulator/sessions", async ({ body }: RequestContext) => {
      const b = await body();
      const user = model.user(requiredString(b, "userId"));
      if (!user) throw new HttpError(404, "Unknown userId");
      if (b.excludeSigners !== undefined && typeof b.excludeSigners !== "boolean") {
        throw new HttpError(400, "excludeSigners must be a boolean");
      }
      const partner = model.partners.get(user.partnerId) as Partner;
      const session = model.startSession(partner, user);
      const cookie = cookies.format(session.id, session.expiresAt);
      return {
        session: serializeSession(user, session, cookie, b.excludeSigners === true),
        verificationToken: session.lookupId,
      };
    }),

    route("GET", "/_emulator/sessions/:verificationToken", ({ params }: RequestContext) => {
      const session = model.sessionByLookupId(params.verificationToken ?? "");
      if (!session) throw new HttpError(404, "Unknown verificationToken");
      return { active: model.isActive(session), expiresAt: session.expiresAt, keptAliveAt: session.keptAliveAt };
    }),

    route("POST", "/_emulator/sessions/expire", async ({ body }: RequestContext) => {
      const session = model.sessionByLookupId(requiredString(await body(), "verificationToken"));
      if (!session) throw new HttpError(404, "Unknown verificationToken");
      session.expiresAt = Math.min(session.expiresAt, model.now());
      return { expired: true };
    }),

    route("GET", "/_emulator/config", config),

    route("PUT", "/_emulator/config", async ({ body }: RequestContext) => {
      const b = await body();
      const { latencyMs, fault } = b;
      const length = sessionLength(b.sessionLengthSeconds);
      if (latencyMs !== undefined && !(typeof latencyMs === "number" && latencyMs >= 0 && latencyMs <= 60_000)) {
        throw new HttpError(400, "latencyMs must be a number from 0 to 60000");
      }
      const nextFault = fault === undefined ? undefined : faultConfig(fault);
      if (length !== undefined) model.sessionLengthSeconds = length;
      if (latencyMs !== undefined) faults.latencyMs = latencyMs as number;
      if (nextFault) faults.fault = nextFault;
      return config();
    }),

    route("POST", "/_emulator/keys/rotate", async () => ({ current: await keys.rotate(), jwks: keys.jwks() })),
    route("POST", "/_emulator/keys/retire", () => ({ current: keys.retire(), jwks: keys.jwks() })),

    // A token signed by the current key 0, for tests of expiry and audience; no session is touched.
    route("POST", "/_emulator/jwt", async ({ body }: RequestContext) => {
      const b = await body();
      const user = model.user(requiredString(b, "userId"));
      if (!user) throw new HttpError(404, "Unknown userId");
      const { expiresInSeconds = model.sessionLengthSeconds } = b;
      if (!Number.isInteger(expiresInSeconds)) throw new HttpError(400, "expiresInSeconds must be a whole number");
      const partner = model.partners.get(user.partnerId) as Partner;
      const iat = Math.floor(model.now() / 1000);
      const audience = optionalString(b, "audience") ?? partner.apiKeyId;
      return keys.sign(0, jwtClaims(user, audience, iat, iat + (expiresInSeconds as number)));
    }),

    route("GET", "/_emulator/stats", () => ({ requests: stats.snapshot() })),
    route("DELETE", "/_emulator/stats", () => {
      stats.reset();
      return { requests: {} };
    }),
  ];
}
