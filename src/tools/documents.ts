import { readFileSync } from "node:fs";
import { z } from "zod";
import { createDocumentStore } from "../documents/document-store.js";
import { readManifest } from "../documents/manifest.js";
import { DEFAULT_SESSION_STORE } from "../runtime/config.js";
import { redisEnvSchema, redisTarget } from "../store/redis-target.js";

/**
 * `npm run documents:add -- <manifest.json>…`: registers a frontend's trusted documents in the store
 * SESSION_STORE names (the gateway's own backend), where every replica finds them. Each manifest is
 * checked first: every id must be the SHA-256 of its document, or nothing of that manifest is added.
 */
const [command, ...files] = process.argv.slice(2);
if (command !== "add" || files.length === 0) {
  process.stderr.write("usage: npm run documents:add -- <manifest.json> [more.json …]\n");
  process.exit(64);
}
const env = z
  .object({ SESSION_STORE: z.string().default(DEFAULT_SESSION_STORE), ...redisEnvSchema })
  .parse(process.env);
const store = createDocumentStore({
  sessionStore: env.SESSION_STORE,
  redis: redisTarget(env),
  storeTimeoutMs: Number(process.env.SESSION_STORE_TIMEOUT_MS ?? 5_000),
  storeTlsCaFile: process.env.SESSION_STORE_TLS_CA,
});
let failed = false;
for (const file of files) {
  try {
    const documents = readManifest(JSON.parse(readFileSync(file, "utf8")), file);
    const added = await store.add(documents);
    process.stdout.write(`${file}: ${documents.size} documents, ${added} new\n`);
  } catch (error) {
    failed = true;
    process.stderr.write(`${(error as Error).message}\n`);
  }
}
await store.close();
process.exit(failed ? 1 : 0);
