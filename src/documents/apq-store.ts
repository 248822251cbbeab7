import { printExecutableGraphQLDocument } from "@graphql-tools/documents";
import { parse } from "graphql";
import { LRUCache } from "lru-cache";
import { bareHash } from "./document-id.js";
import { documentHash } from "./manifest.js";

/** What an entry costs beyond its text: the 64-character key and the cache's own bookkeeping. */
const ENTRY_OVERHEAD_BYTES = 200;

/** A text as Code Generator's client preset prints it before hashing (selections sorted, spacing its own); undefined if it does not parse. */
function codeGeneratorPrint(text: string): string | undefined {
  try {
    return printExecutableGraphQLDocument(parse(text, { noLocation: true }));
  } catch {
    return undefined;
  }
}

/**
 * Automatic Persisted Queries: operation texts clients sent along with their hash, kept so that later
 * requests need only the hash. In this process only (another replica asks for the text once more), the
 * least recently used going first once either bound is reached, so that no stream of new texts makes it
 * hold more than `maxBytes`. Content-addressed like the trusted documents: what is kept under a hash is
 * a text whose SHA-256 it is, so no client can file a text under a hash that another client's operation
 * has. That text is the one sent, or, for a client that names operations by Code Generator's hash
 * (`__meta__.hash`, of its own sorted print) but sends Apollo's print, that sorted print of it.
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
    return this.texts.get(bareHash(hash));
  }

  /** Keeps the text `hash` names, when `text` is it or prints as it; says whether it did. */
  keep(hash: string, text: string): boolean {
    const key = bareHash(hash);
    if (this.texts.has(key)) return false;
    const named = documentHash(text) === key ? text : codeGeneratorPrint(text);
    if (named === undefined || documentHash(named) !== key) return false;
    this.texts.set(key, named);
    return this.texts.has(key);
  }
}
