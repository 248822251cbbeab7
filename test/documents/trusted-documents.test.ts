import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { promisify } from "node:util";
import { parse } from "graphql";
import { documentIdFor, ImportSessionDocument } from "para-graphql-gateway/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentHash } from "../../src/documents/manifest.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { bearer, codes } from "../support/graphql.js";
import { useEmulator, useTempDir } from "../support/stack.js";

const emulator = useEmulator();
const dir = useTempDir("gateway-documents-");
let gateway: GatewayProcess;
let store: string;

beforeAll(async () => {
  store = `sqlite:${dir.path("gateway.db")}`;
  writeFileSync(dir.path("placeholder.txt"), "");
  gateway = await startGatewayProcess({
    PERSISTED_OPERATIONS: "only",
    SESSION_STORE: store,
    TRUSTED_DOCUMENTS_DIR: dir.path(""),
  });
});
afterAll(() => gateway?.stop());

/** A frontend's manifest as Code Generator's client preset writes it. */
const manifestOf = (...documents: string[]) =>
  Object.fromEntries(documents.map((body) => [`sha256:${documentHash(body)}`, body]));

async function byId(documentId: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await fetch(gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ documentId, variables }),
  });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] };
}

const documentsAdd = (file: string) =>
  promisify(execFile)(process.execPath, ["dist/tools/documents.js", "add", file], {
    env: { PATH: process.env.PATH, SESSION_STORE: store },
  });

/** A session imported through the gateway's own trusted ImportSession document. */
async function session(): Promise<string> {
  const { session: blob } = await emulator.admin.createSession((await emulator.admin.createUser()).userId);
  const imported = await byId(documentIdFor(ImportSessionDocument), { session: blob });
  return (imported.data?.importSession as { sessionToken: string } | undefined)?.sessionToken ?? "";
}

describe("frontend-owned trusted documents", () => {
  it("registers a frontend's manifest with documents:add, for every replica of the store, and runs its operation", async () => {
    const header = "query MyHeader { session { identifier } }";
    const file = dir.path("my-frontend.manifest");
    writeFileSync(file, JSON.stringify(manifestOf(header)));
    const { stdout } = await documentsAdd(file);
    expect(stdout).toMatch(/1 documents, 1 new/);
    const token = await session();
    const [id = ""] = Object.keys(manifestOf(header));
    const res = await byId(id, {}, bearer(token));
    expect(res.errors).toBeUndefined();
    expect(res.data).toHaveProperty("session.identifier");
  });

  it("refuses a manifest whose ids are not the hashes of their documents, adding nothing", async () => {
    const body = "query Sneaky { session { userId } }";
    const file = dir.path("forged.manifest");
    writeFileSync(file, JSON.stringify({ [`sha256:${documentHash("query Other { session { userId } }")}`]: body }));
    await expect(documentsAdd(file)).rejects.toMatchObject({ code: 1 });
    expect(codes({ errors: (await byId(documentHash(body))).errors } as never)).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
  });

  it("loads manifests dropped into TRUSTED_DOCUMENTS_DIR while running (Apollo's persisted query list too)", async () => {
    const body = "query FromFolder { mySessions { id } }";
    expect(codes({ errors: (await byId(`x${documentHash(body).slice(1)}`)).errors } as never)).toEqual([
      "PERSISTED_QUERY_NOT_FOUND",
    ]);
    writeFileSync(
      dir.path("apollo-list.json"),
      JSON.stringify({
        format: "apollo-persisted-query-manifest",
        version: 1,
        operations: [{ id: documentHash(body), name: "FromFolder", type: "query", body }],
      }),
    );
    await expect
      .poll(async () => codes({ errors: (await byId(documentHash(body))).errors } as never), { timeout: 5_000 })
      .toEqual(["UNAUTHENTICATED"]); // found and run: it needs a session
  });

  it("finds documents by content, never by name: a same-named different document has no id", async () => {
    const mine = parse("mutation KeepSessionAlive { keepSessionAlive { session { identifier expiresAt } } }");
    expect(() => documentIdFor(mine)).toThrow(/KeepSessionAlive has no trusted-document hash/);
    const res = await fetch(gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "mutation KeepSessionAlive { keepSessionAlive { alive } }" }),
    });
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      "PERSISTED_QUERY_ONLY",
    );
  });
});

describe("trusted documents read from the shared store", () => {
  it("runs a stored row only while it is the text its hash names: a row written around the gateway runs nothing", async () => {
    const registered = "query Registered { session { identifier } }";
    const hash = documentHash(registered);
    const db = new DatabaseSync(store.slice("sqlite:".length));
    db.prepare("INSERT OR REPLACE INTO trusted_documents (hash, document) VALUES (?, ?)").run(
      hash,
      "query Swapped { mySessions { id } }",
    );
    db.close();
    expect((await byId(hash)).errors?.map((e) => e.extensions?.code)).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
    await expect.poll(() => gateway.logs.some((l) => String(l.msg).includes("does not match its hash"))).toBe(true);
  });
});
