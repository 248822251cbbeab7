import type { Config } from "../runtime/config.js";
import type { Logger } from "../runtime/logger.js";
import { Cipher } from "./encryption.js";
import { MemoryStore } from "./memory-store.js";
import type { RecordStore } from "./record-store.js";
import { RedisStore } from "./redis-store.js";
import { SessionStore } from "./session-store.js";
import { SqliteStore } from "./sqlite-store.js";

/** The session store SESSION_STORE names: `memory`, `sqlite:<path>`, or a Redis (one server, sentinels, a cluster). */
export function createSessionStore(
  config: Pick<Config, "sessionStore" | "redis" | "encryptionKeys" | "storeTimeoutMs" | "storeTlsCaFile" | "limits">,
  logger: Logger,
  observe?: (operation: string, outcome: string) => void,
): SessionStore {
  const url = config.sessionStore;
  let records: RecordStore;
  if (url === "memory") records = new MemoryStore();
  else if (url.startsWith("sqlite:") || !config.redis) records = new SqliteStore(url.slice("sqlite:".length));
  else {
    records = new RedisStore(config.redis, {
      timeoutMs: config.storeTimeoutMs,
      tlsCaFile: config.storeTlsCaFile,
      onError: (error) => logger.warn({ err: { message: error.message } }, "session store (redis) error"),
      onMigrated: (moved) => logger.info({ moved }, "session store (redis): records moved into the bucketed layout"),
    });
  }
  return new SessionStore(records, new Cipher(config.encryptionKeys), config.limits.maxStoredSessionBytes, observe);
}
