import { createHash, randomBytes } from "node:crypto";
import type { WalletType } from "../chains/addresses.js";
import { GatewayError } from "../errors.js";
import { inSpan } from "../telemetry/spans.js";
import { nextDueAt } from "./due-at.js";
import { type Cipher, DecryptionError } from "./encryption.js";
import type { OwnedRecord, PutMode, RecordStore } from "./record-store.js";

/** Records read and decrypted at once when a user's sessions are listed: memory stays bounded however many there are. */
const LIST_CHUNK = 16;

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
  /** Whether the keeper extends the session in the background. */
  keepAlive: boolean;
  /** Past this (epoch ms; KEEPALIVE_MAX_DAYS after import) the keeper lets the session end; null when off. */
  keepAliveUntil: number | null;
  /** When Para last extended the session (ISO), by keepSessionAlive, issueJwt or the keeper. */
  lastExtendedAt: string | null;
  /** Set when Para said the session is over: nothing extends it again. */
  endedByPara?: boolean;
  /** After a failed extension (Para unreachable): when the keeper tries again, and how many tries failed. */
  retryAt?: number;
  failures?: number;
}

/** A session as its owner may see it listed: no handle, no blob. */
export interface SessionSummary {
  id: string;
  importedAt: string;
  expiresAt: number;
  keepAlive: boolean;
}

const skipUndecryptable = (error: unknown): undefined => {
  if (error instanceof DecryptionError) return undefined;
  throw error;
};

/** A handle's SHA-256: the only form in which a handle is kept (store keys, rate-limit counters). */
export function sessionRecordId(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A session's public id (Session.id, mySessions): stable, opaque, and no way to its handle or record. */
export function publicSessionId(recordId: string): string {
  return createHash("sha256").update(`session-id:${recordId}`).digest("base64url").slice(0, 22);
}

/** The index key of a user's sessions: a digest, so the store's index does not spell user ids. */
const ownerOf = (userId: string) => createHash("sha256").update(`owner:${userId}`).digest("hex");

/**
 * Sessions by their handle (the `sessionToken`). Records are keyed by the token's SHA-256, so the
 * store never holds a usable token, and sealed with AES-256-GCM bound to that key.
 */
export class SessionStore {
  constructor(
    private readonly records: RecordStore,
    private readonly cipher: Cipher,
    /** The ceiling of one sealed record (MAX_STORED_SESSION_BYTES). */
    private readonly maxRecordBytes: number,
    private readonly observe: (operation: string, outcome: string) => void = () => {},
  ) {}

  /** Store failures reach clients as UPSTREAM_UNAVAILABLE; a record that does not decrypt stays an internal error. */
  private reach<T>(name: string, operation: () => Promise<T>): Promise<T> {
    return inSpan(`store ${name}`, { attributes: { "db.operation.name": name } }, async () => {
      try {
        const result = await operation();
        this.observe(name, "ok");
        return result;
      } catch (error) {
        this.observe(name, "error");
        if (error instanceof DecryptionError) throw error;
        throw new GatewayError("UPSTREAM_UNAVAILABLE", "The session store cannot be reached. Try again shortly.");
      }
    });
  }

  async create(session: StoredSession): Promise<string> {
    const token = randomBytes(32).toString("base64url");
    await this.write(sessionRecordId(token), session, "create");
    return token;
  }

  get(token: string): Promise<StoredSession | undefined> {
    return this.getById(sessionRecordId(token));
  }

  /** The session, re-sealed under the current key when it was sealed under an old one. */
  async getById(id: string): Promise<StoredSession | undefined> {
    const sealed = await this.reach("get", () => this.records.get(id));
    if (!sealed) return undefined;
    const session = JSON.parse(this.cipher.open(sealed, id).toString("utf8")) as StoredSession;
    if (!this.cipher.isCurrent(sealed)) await this.saveById(id, session);
    return session;
  }

  save(token: string, session: StoredSession): Promise<boolean> {
    return this.saveById(sessionRecordId(token), session);
  }

  /** Updates a stored session; false (and nothing written) when it was ended or expired meanwhile. */
  saveById(id: string, session: StoredSession): Promise<boolean> {
    return this.write(id, session, "update");
  }

  /** Seals and stores the session, indexed by its user and scheduled for the keeper when it is kept alive. */
  private write(id: string, session: StoredSession, mode: PutMode): Promise<boolean> {
    const plain = Buffer.from(JSON.stringify(session));
    if (plain.length > this.maxRecordBytes) {
      return Promise.reject(
        new GatewayError(
          "BAD_USER_INPUT",
          `The session is larger than the gateway stores (${this.maxRecordBytes} bytes, MAX_STORED_SESSION_BYTES).`,
          { field: "session" },
        ),
      );
    }
    const sealed = this.cipher.seal(plain, id);
    const meta = { owner: ownerOf(session.userId), dueAt: nextDueAt(session) };
    return this.reach("put", () => this.records.put(id, sealed, session.expiresAt, meta, mode));
  }

  delete(token: string): Promise<boolean> {
    return this.deleteById(sessionRecordId(token));
  }

  deleteById(id: string): Promise<boolean> {
    return this.reach("delete", () => this.records.delete(id));
  }

  /** A user's stored sessions as the index knows them (no decryption), from every replica, soonest to expire first. */
  ownedBy(userId: string): Promise<OwnedRecord[]> {
    return this.reach("list", () => this.records.listByOwner(ownerOf(userId)));
  }

  /**
   * What `pick` takes from each of a user's stored sessions, read LIST_CHUNK at a time, so that only the
   * picked parts are held, whatever the records hold. A record that does not decrypt (a key this replica
   * lacks) is left out, and left alone.
   */
  async mapUserSessions<T>(userId: string, pick: (id: string, session: StoredSession) => T): Promise<T[]> {
    const owned = await this.ownedBy(userId);
    const picked: T[] = [];
    for (let i = 0; i < owned.length; i += LIST_CHUNK) {
      const chunk = owned.slice(i, i + LIST_CHUNK);
      const sessions = await Promise.all(chunk.map(({ id }) => this.getById(id).catch(skipUndecryptable)));
      chunk.forEach(({ id }, j) => {
        const session = sessions[j];
        if (session?.userId === userId) picked.push(pick(id, session));
      });
    }
    return picked;
  }

  /** Record ids due for extension, each claimed for this caller for `leaseMs`. */
  claimDue(now: number, leaseMs: number, limit: number): Promise<string[]> {
    return this.reach("claim", () => this.records.claimDue(now, leaseMs, limit));
  }

  dueStats(): Promise<{ managed: number; earliestDueAt: number | null }> {
    return this.records.dueStats();
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
