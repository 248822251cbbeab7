import { randomBytes, randomUUID } from "node:crypto";
import { encodeAddress, type WalletType } from "../chains/addresses.js";
import { HttpError } from "./http.js";

export interface Partner {
  id: string;
  name: string;
  /** Para's `aud` claim: the id of the API key the JWT was issued under. */
  apiKeyId: string;
  publicKey: string;
  secretKey: string;
  supportedWalletTypes: { type: WalletType; optional: boolean }[];
  cosmosPrefix: string;
  /** The app's own session length (Para's developer portal sets it per app); the emulator's default when unset. */
  sessionLengthSeconds?: number;
}

export interface Wallet {
  id: string;
  type: WalletType;
  scheme: "DKLS" | "ED25519";
  address: string;
  publicKey: string;
  userId: string;
  partnerId: string;
  createdAt: string;
  /** A random stand-in for the MPC key share: real shares come out of Para's MPC network, which this emulator does not run. */
  signer: string;
}

export interface User {
  id: string;
  partnerId: string;
  authType: "email" | "phone";
  identifier: string;
  wallets: Wallet[];
}

export interface Session {
  id: string;
  /** Undefined for the anonymous sessions Para opens for any request that carries none. */
  userId: string | undefined;
  partnerId: string;
  /** What `getVerificationToken()` returns and `/sessions/verify` takes. */
  lookupId: string;
  expiresAt: number;
  ended: boolean;
  /** When each keep-alive call extended it (epoch ms): for tests that count extensions per session. */
  keptAliveAt: number[];
}

export const DEFAULT_PUBLIC_KEY = "dev_public_demo";
export const DEFAULT_SECRET_KEY = "dev_secret_demo";
/** The default app's API key id: the `aud` of the JWTs Para issues it (a gateway's PARA_JWT_AUDIENCE). */
export const DEFAULT_API_KEY_ID = "5f0c1d2e-0000-4000-8000-000000000de0";
export const DEFAULT_SESSION_LENGTH_SECONDS = 30 * 60;
export const MAX_SESSION_LENGTH_SECONDS = 30 * 24 * 60 * 60;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

/** The wallet ids of each type, as `/touch` answers them and `exportSession()` stores them. */
export function currentWalletIds(user: User): Record<string, string[]> {
  const ids: Record<string, string[]> = {};
  for (const w of user.wallets) ids[w.type] = [...(ids[w.type] ?? []), w.id];
  return ids;
}

/** Para's users, wallets and sessions, in memory. */
export class Model {
  readonly partners = new Map<string, Partner>();
  private readonly users = new Map<string, User>();
  private readonly sessions = new Map<string, Session>();
  private readonly sessionsByLookupId = new Map<string, Session>();
  sessionLengthSeconds = DEFAULT_SESSION_LENGTH_SECONDS;

  constructor(readonly now: () => number = Date.now) {}

  addPartner(input: {
    name?: string;
    apiKeyId?: string;
    publicKey?: string;
    secretKey?: string;
    sessionLengthSeconds?: number;
  }): Partner {
    const id = randomUUID();
    const partner: Partner = {
      id,
      name: input.name ?? "Demo app",
      apiKeyId: input.apiKeyId ?? randomUUID(),
      publicKey: input.publicKey ?? `dev_public_${randomBytes(12).toString("hex")}`,
      secretKey: input.secretKey ?? `dev_secret_${randomBytes(12).toString("hex")}`,
      supportedWalletTypes: [
        { type: "EVM", optional: false },
        { type: "SOLANA", optional: true },
        { type: "COSMOS", optional: true },
      ],
      cosmosPrefix: "cosmos",
      sessionLengthSeconds: input.sessionLengthSeconds,
    };
    this.partners.set(id, partner);
    return partner;
  }

  partnerByPublicKey(key: string | undefined): Partner | undefined {
    for (const p of this.partners.values()) if (key !== undefined && p.publicKey === key) return p;
    return undefined;
  }

  partnerBySecretKey(key: string | undefined): Partner | undefined {
    for (const p of this.partners.values()) if (key !== undefined && p.secretKey === key) return p;
    return undefined;
  }

  addUser(partner: Partner, input: { email?: string; phone?: string; walletTypes: WalletType[] }): User {
    if (input.email !== undefined && input.phone !== undefined) {
      throw new HttpError(400, "Give either email or phone, not both");
    }
    const id = randomUUID();
    let authType: User["authType"] = "email";
    let identifier = input.email ?? `user-${id.slice(0, 8)}@example.com`;
    if (input.phone !== undefined) {
      if (!E164_PATTERN.test(input.phone)) throw new HttpError(400, "phone must be in E.164 form, e.g. +15555550123");
      authType = "phone";
      identifier = input.phone;
    } else if (!EMAIL_PATTERN.test(identifier)) {
      throw new HttpError(400, "email is not a valid e-mail address");
    }
    identifier = authType === "email" ? identifier.toLowerCase() : identifier;
    for (const u of this.users.values()) {
      if (u.partnerId === partner.id && u.identifier === identifier) {
        throw new HttpError(409, `A user with ${authType} ${identifier} already exists`);
      }
    }
    const createdAt = new Date(this.now()).toISOString();
    const wallets = [...new Set(input.walletTypes)].map((type): Wallet => {
      const keyBytes = randomBytes(32);
      return {
        id: randomUUID(),
        type,
        scheme: type === "SOLANA" ? "ED25519" : "DKLS",
        address: encodeAddress(type, keyBytes, partner.cosmosPrefix),
        // secp256k1 keys are published uncompressed (04…), ed25519 keys as their 32 bytes.
        publicKey: type === "SOLANA" ? keyBytes.toString("hex") : `04${randomBytes(64).toString("hex")}`,
        userId: id,
        partnerId: partner.id,
        createdAt,
        signer: randomBytes(96).toString("base64"),
      };
    });
    const user: User = { id, partnerId: partner.id, authType, identifier, wallets };
    this.users.set(id, user);
    return user;
  }

  user(id: string): User | undefined {
    return this.users.get(id);
  }

  walletByAddress(partner: Partner, address: string): Wallet | undefined {
    // EVM addresses are case-insensitive (case only carries the checksum); others are exact.
    const evmKey = address.toLowerCase();
    for (const u of this.users.values()) {
      if (u.partnerId !== partner.id) continue;
      for (const w of u.wallets) {
        if (w.type === "EVM" ? w.address.toLowerCase() === evmKey : w.address === address) return w;
      }
    }
    return undefined;
  }

  startSession(partner: Partner, user: User | undefined): Session {
    const session: Session = {
      id: randomUUID(),
      userId: user?.id,
      partnerId: partner.id,
      lookupId: randomUUID(),
      expiresAt: this.now() + this.lengthMs(partner.id),
      ended: false,
      keptAliveAt: [],
    };
    this.sessions.set(session.id, session);
    this.sessionsByLookupId.set(session.lookupId, session);
    return session;
  }

  private lengthMs(partnerId: string): number {
    return (this.partners.get(partnerId)?.sessionLengthSeconds ?? this.sessionLengthSeconds) * 1000;
  }

  session(id: string | undefined): Session | undefined {
    return id === undefined ? undefined : this.sessions.get(id);
  }

  sessionByLookupId(lookupId: string): Session | undefined {
    return this.sessionsByLookupId.get(lookupId);
  }

  isActive(session: Session): boolean {
    return !session.ended && this.now() < session.expiresAt;
  }

  /** Para extends a session by its full length on keep-alive and on most authenticated calls. */
  extend(session: Session): void {
    session.expiresAt = this.now() + this.lengthMs(session.partnerId);
  }

  /** Logged-out user sessions stay known (verify answers "expired"); anonymous ones are dropped. */
  end(session: Session): void {
    session.ended = true;
    if (session.userId === undefined) {
      this.sessions.delete(session.id);
      this.sessionsByLookupId.delete(session.lookupId);
    }
  }
}
