import { type FSWatcher, readdirSync, readFileSync, watch } from "node:fs";
import { join } from "node:path";
import { LRUCache } from "lru-cache";
import type { Logger } from "../runtime/logger.js";
import { bareHash } from "./document-id.js";
import type { DocumentStore } from "./document-store.js";
import { documentHash, readManifest } from "./manifest.js";

/**
 * Store lookups kept in this process: found documents for good, misses briefly (one may be registered any
 * time) and apart, so that made-up ids never push out a document clients use. Keys are hashes only (the
 * request's id is checked to be one before any lookup), so each cache's size bounds its memory.
 */
const FOUND_SIZE = 5_000;
const MISS_SIZE = 1_000;
const MISS_TTL_MS = 5_000;
const RELOAD_DELAY_MS = 100;

/**
 * Every trusted document, by hash only (never by name): the gateway's own manifest, the manifests in
 * TRUSTED_DOCUMENTS_DIR (read at start and again whenever the folder changes), and those registered in
 * the shared store with `npm run documents:add` (seen by every replica).
 */
export class TrustedDocuments {
  private fromDir = new Map<string, string>();
  private readonly found = new LRUCache<string, string>({ max: FOUND_SIZE });
  private readonly misses = new LRUCache<string, true>({ max: MISS_SIZE, ttl: MISS_TTL_MS });
  private watcher: FSWatcher | undefined;
  private reload: NodeJS.Timeout | undefined;

  constructor(
    private readonly builtIn: Map<string, string>,
    private readonly store: DocumentStore,
    private readonly logger: Logger,
    private readonly dir?: string,
  ) {
    if (dir) {
      this.loadDir();
      this.watcher = watch(dir, () => {
        clearTimeout(this.reload);
        this.reload = setTimeout(() => this.loadDir(), RELOAD_DELAY_MS);
      });
    }
  }

  /** The document, at once when it is at hand (every request of a known document), else from the store. */
  get(id: string): string | null | Promise<string | null> {
    const hash = bareHash(id);
    const known = this.builtIn.get(hash) ?? this.fromDir.get(hash) ?? this.found.get(hash);
    if (known !== undefined) return known;
    return this.misses.has(hash) ? null : this.fetch(hash);
  }

  /** A row is trusted only when it is still the text its hash names: a store written around the gateway runs nothing. */
  private async fetch(hash: string): Promise<string | null> {
    const body = await this.store.get(hash);
    if (body !== undefined && documentHash(body) === hash) {
      this.found.set(hash, body);
      return body;
    }
    if (body !== undefined)
      this.logger.error({ hash }, "trusted documents: a stored document does not match its hash; refused");
    this.misses.set(hash, true);
    return null;
  }

  /** Reads every manifest of the folder; one that does not verify is logged and left out, the others serve. */
  private loadDir(): void {
    const dir = this.dir as string;
    const documents = new Map<string, string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      try {
        for (const [hash, body] of readManifest(JSON.parse(readFileSync(join(dir, file), "utf8")), file)) {
          documents.set(hash, body);
        }
      } catch (error) {
        this.logger.error({ file, err: { message: (error as Error).message } }, "trusted documents: manifest refused");
      }
    }
    this.fromDir = documents;
    this.logger.info({ dir, documents: documents.size }, "trusted documents: folder loaded");
  }

  async close(): Promise<void> {
    this.watcher?.close();
    clearTimeout(this.reload);
    await this.store.close();
  }
}
