import type Database from "better-sqlite3";
import type { Redis } from "ioredis";
import type { Config } from "../config.js";
import { createRedisClient } from "../store/redis-client.js";
import { openSqlite } from "../store/sqlite-store.js";

/** Trusted documents registered for frontends, in the session store's backend, so every replica sees them. */
export interface DocumentStore {
  get(hash: string): Promise<string | undefined>;
  /** Adds documents (content-addressed: adding one twice changes nothing); how many were new. */
  add(documents: Map<string, string>): Promise<number>;
  close(): Promise<void>;
}

class MemoryDocuments implements DocumentStore {
  private readonly documents = new Map<string, string>();
  async get(hash: string) {
    return this.documents.get(hash);
  }
  async add(documents: Map<string, string>) {
    let added = 0;
    for (const [hash, body] of documents) {
      if (this.documents.has(hash)) continue;
      this.documents.set(hash, body);
      added++;
    }
    return added;
  }
  async close() {}
}

class SqliteDocuments implements DocumentStore {
  private readonly db: Database.Database;
  constructor(path: string) {
    this.db = openSqlite(path);
    this.db.exec("CREATE TABLE IF NOT EXISTS trusted_documents (hash TEXT PRIMARY KEY, document TEXT NOT NULL) STRICT");
  }
  async get(hash: string) {
    const row = this.db
      .prepare<[string], { document: string }>("SELECT document FROM trusted_documents WHERE hash = ?")
      .get(hash);
    return row?.document;
  }
  async add(documents: Map<string, string>) {
    const insert = this.db.prepare<[string, string]>(
      "INSERT OR IGNORE INTO trusted_documents (hash, document) VALUES (?, ?)",
    );
    return this.db.transaction(() =>
      [...documents].reduce((n, [hash, body]) => n + insert.run(hash, body).changes, 0),
    )();
  }
  async close() {
    this.db.close();
  }
}

class RedisDocuments implements DocumentStore {
  private static readonly KEY = "para-gateway:trusted-documents";
  constructor(private readonly redis: Redis) {}
  async get(hash: string) {
    return (await this.redis.hget(RedisDocuments.KEY, hash)) ?? undefined;
  }
  async add(documents: Map<string, string>) {
    let added = 0;
    for (const [hash, body] of documents) added += await this.redis.hsetnx(RedisDocuments.KEY, hash, body);
    return added;
  }
  async close() {
    this.redis.disconnect();
  }
}

/** The document store beside the session store SESSION_STORE names. */
export function createDocumentStore(
  config: Pick<Config, "sessionStore" | "storeTimeoutMs" | "storeTlsCaFile">,
  onError: (error: Error) => void = () => {},
): DocumentStore {
  const url = config.sessionStore;
  if (url === "memory") return new MemoryDocuments();
  if (url.startsWith("sqlite:")) return new SqliteDocuments(url.slice("sqlite:".length));
  return new RedisDocuments(
    createRedisClient(url, { timeoutMs: config.storeTimeoutMs, tlsCaFile: config.storeTlsCaFile, onError }),
  );
}
