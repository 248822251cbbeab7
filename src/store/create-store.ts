import type { Config } from "../config.js";
import { Cipher } from "./encryption.js";
import { MemoryStore } from "./memory-store.js";
import type { RecordStore } from "./record-store.js";
import { SessionStore } from "./session-store.js";
import { SqliteStore } from "./sqlite-store.js";

/** The session store SESSION_STORE names: `memory` or `sqlite:<path>`. */
export function createSessionStore(config: Pick<Config, "sessionStore" | "encryptionKeys">): SessionStore {
  const records: RecordStore =
    config.sessionStore === "memory" ? new MemoryStore() : new SqliteStore(config.sessionStore.slice("sqlite:".length));
  return new SessionStore(records, new Cipher(config.encryptionKeys));
}
