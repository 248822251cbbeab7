import { createHash, randomBytes } from "node:crypto";
import type { WalletType } from "../chains/addresses.js";
import { GatewayError } from "../errors.js";
import { type Cipher, DecryptionError } from "./encryption.js";
import type { RecordStore } from "./record-store.js";

export interface StoredWallet {
  id: string;
  type: WalletType;
  address: string | null;
  publicKey: string | null;
}

export interface StoredSession {
  userId: string;
  authType: string;
  identifier: string;
  wallets: StoredWallet[];
  /** The serialized session to import into Para; without signers unless STORE_SIGNERS is on. */
  blob: string;
  signersPresent: boolean;
  importedAt: string;
  /** When Para last said the session ends (epoch ms), capped at PARA_SESSION_MAX_DAYS from then. */
  expiresAt: number;
  /** Para's session length, as its signed JWT showed it at import (exp - iat). */
  sessionLengthMs: number;
}

/** A handle's SHA-256: the only form in which a handle is kept (store keys, rate-limit counters). */
export function sessionRecordId(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Sessions by their handle (the `sessionToken`). Records are keyed by the token's SHA-256, so the
 * store never holds a usable token, and sealed with AES-256-GCM bound to that key.
 */
export class SessionStore {
  constructor(
    private readonly records: RecordStore,
    private readonly cipher: Cipher,
    private readonly observe: (operation: string, outcome: string) => void = () => {},
  ) {}

  /** Store failures reach clients as UPSTREAM_UNAVAILABLE; a record that does not decrypt stays an internal error. */
  private async reach<T>(name: string, operation: () => Promise<T>): Promise<T> {
    try {
      const result = await operation();
      this.observe(name, "ok");
      return result;
    } catch (error) {
      this.observe(name, "error");
      if (error instanceof DecryptionError) throw error;
      throw new GatewayError("UPSTREAM_UNAVAILABLE", "The session store cannot be reached. Try again shortly.");
    }
  }

  async create(session: StoredSession): Promise<string> {
    const token = randomBytes(32).toString("base64url");
    await this.save(token, session);
    return token;
  }

  /** The session, re-sealed under the current key when it was sealed under an old one. */
  async get(token: string): Promise<StoredSession | undefined> {
    const id = sessionRecordId(token);
    const sealed = await this.reach("get", () => this.records.get(id));
    if (!sealed) return undefined;
    const session = JSON.parse(this.cipher.open(sealed, id).toString("utf8")) as StoredSession;
    if (!this.cipher.isCurrent(sealed)) await this.save(token, session);
    return session;
  }

  async save(token: string, session: StoredSession): Promise<void> {
    const id = sessionRecordId(token);
    const sealed = this.cipher.seal(Buffer.from(JSON.stringify(session)), id);
    await this.reach("put", () => this.records.put(id, sealed, session.expiresAt));
  }

  delete(token: string): Promise<boolean> {
    return this.reach("delete", () => this.records.delete(sessionRecordId(token)));
  }

  count(): Promise<number> {
    return this.records.count();
  }

  ping(): Promise<void> {
    return this.records.ping();
  }

  close(): Promise<void> {
    return this.records.close();
  }
}
