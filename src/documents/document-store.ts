import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { Config } from "../runtime/config.js";
import { createRedisClient, type RedisClient, untilReady } from "../store/redis-client.js";
import { inWriteTransaction, openSqlite } from "../store/sqlite-store.js";

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
  private readonly db: DatabaseSync;
  private readonly select: StatementSync;
  private readonly insert: StatementSync;
  constructor(path: string) {
    this.db = openSqlite(path);
    this.db.exec("CREATE TABLE IF NOT EXISTS trusted_documents (hash TEXT PRIMARY KEY, document TEXT NOT NULL) STRICT");
    this.select = this.db.prepare("SELECT document FROM trusted_documents WHERE hash = ?");
    this.insert = this.db.prepare("INSERT OR IGNORE INTO trusted_documents (hash, document) VALUES (?, ?)");
  }
  async get(hash: string) {
    return (this.select.get(hash) as { document: string } | undefined)?.document;
  }
  /** In one transaction: a manifest is registered whole or not at all. */
  async add(documents: Map<string, string>) {
    return inWriteTransaction(this.db, () => {
      let added = 0;
      for (const [hash, body] of documents) added += Number(this.insert.run(hash, body).changes);
      return added;
    });
  }
  async close() {
    this.db.close();
  }
}

class RedisDocuments implements DocumentStore {
  private static readonly KEY = "para-gateway:trusted-documents";
  constructor(
    private readonly redis: RedisClient,
    private readonly timeoutMs: number,
  ) {}
  async get(hash: string) {
    return (await this.redis.hget(RedisDocuments.KEY, hash)) ?? undefined;
  }
  /** Run by `documents:add` just after connecting: it waits for the connection (a cluster's slot map) first. */
  async add(documents: Map<string, string>) {
    await untilReady(this.redis, this.timeoutMs);
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
  config: Pick<Config, "sessionStore" | "redis" | "storeTimeoutMs" | "storeTlsCaFile">,
  onError: (error: Error) => void = () => {},
): DocumentStore {
  const url = config.sessionStore;
  if (url === "memory") return new MemoryDocuments();
  if (url.startsWith("sqlite:") || !config.redis) return new SqliteDocuments(url.slice("sqlite:".length));
  return new RedisDocuments(
    createRedisClient(config.redis, { timeoutMs: config.storeTimeoutMs, tlsCaFile: config.storeTlsCaFile, onError }),
    config.storeTimeoutMs,
  );
}
