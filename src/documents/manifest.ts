import { createHash } from "node:crypto";
import { bareHash } from "./document-id.js";

/** A document's id: the SHA-256 of its text, hex, as Code Generator's client preset and Apollo compute it. */
export const documentHash = (body: string) => createHash("sha256").update(body).digest("hex");

export class ManifestError extends Error {}

/**
 * The documents of a trusted-documents manifest, by hash, each checked to be the hash of its text
 * (so a manifest cannot map a known id to another document). Two formats: Code Generator's client preset
 * (`persisted-documents.json`: `{ "<sha256:>hash": "document" }`) and Apollo's persisted query list
 * (`{ "format": "apollo-persisted-query-manifest", "version": 1, "operations": [{ "id", "body" }] }`).
 */
export function readManifest(json: unknown, source: string): Map<string, string> {
  const entries: [string, unknown][] =
    typeof json === "object" &&
    json !== null &&
    (json as { format?: unknown }).format === "apollo-persisted-query-manifest"
      ? ((json as { operations?: { id?: unknown; body?: unknown }[] }).operations ?? []).map((o) => [
          String(o.id),
          o.body,
        ])
      : typeof json === "object" && json !== null && !Array.isArray(json)
        ? Object.entries(json)
        : [];
  if (entries.length === 0)
    throw new ManifestError(`${source}: no documents (expected { hash: document } or an Apollo persisted query list)`);
  const documents = new Map<string, string>();
  for (const [key, body] of entries) {
    const hash = bareHash(key);
    if (typeof body !== "string" || !/^[0-9a-f]{64}$/.test(hash)) {
      throw new ManifestError(
        `${source}: entry ${JSON.stringify(key).slice(0, 80)} is not a sha256 hash with a document`,
      );
    }
    if (documentHash(body) !== hash) {
      throw new ManifestError(`${source}: ${hash} is not the SHA-256 of its document: refusing the manifest`);
    }
    documents.set(hash, body);
  }
  return documents;
}
