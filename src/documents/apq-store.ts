import { LRUCache } from "lru-cache";
import { documentHash } from "./manifest.js";

/** What an entry costs beyond its text: the 64-character key and the cache's own bookkeeping. */
const ENTRY_OVERHEAD_BYTES = 200;

/**
 * Automatic Persisted Queries: operation texts clients sent along with their hash, kept so that later
 * requests need only the hash. In this process only (another replica asks for the text once more), the
 * least recently used going first once either bound is reached, so that no stream of new texts makes it
 * hold more than `maxBytes`. Content-addressed like the trusted documents: a text is kept only under
 * its own SHA-256, so no client can file a text under a hash that another client's operation has.
 */
export class ApqStore {
  private readonly texts: LRUCache<string, string>;

  constructor(bounds: { maxEntries: number; maxBytes: number }) {
    this.texts = new LRUCache({
      max: bounds.maxEntries,
      maxSize: bounds.maxBytes,
      sizeCalculation: (text) => Buffer.byteLength(text) + ENTRY_OVERHEAD_BYTES,
    });
  }

  get(hash: string): string | undefined {
    return this.texts.get(hash.replace(/^sha256:/, ""));
  }

  /** Keeps `text` when `hash` is its SHA-256; says whether it did. */
  keep(hash: string, text: string): boolean {
    const key = hash.replace(/^sha256:/, "");
    if (this.texts.has(key) || documentHash(text) !== key) return false;
    this.texts.set(key, text);
    return this.texts.has(key);
  }
}
