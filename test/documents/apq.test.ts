import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { printExecutableGraphQLDocument } from "@graphql-tools/documents";
import { type DocumentNode, parse } from "graphql";
import { CurrentSessionDocument, documentIdFor } from "para-graphql-gateway/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentHash } from "../../src/documents/manifest.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { pooled } from "../support/pooled.js";
import { useEmulator } from "../support/stack.js";

useEmulator();

/** Apollo Client with its PersistedQueryLink (SHA-256 of the printed text), counting the HTTP requests its HttpLink makes. */
function apolloCounting(url: string) {
  const requests = { count: 0 };
  const counting: typeof fetch = (input, init) => {
    requests.count++;
    return fetch(input, init);
  };
  const client = new ApolloClient({
    cache: new InMemoryCache(),
    link: new PersistedQueryLink({ sha256: documentHash }).concat(new HttpLink({ uri: url, fetch: counting })),
  });
  return { client, requests };
}

/** A POST of `body`; its status and the codes of its errors. */
async function post(url: string, body: object) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  return { status: res.status, data: json.data, codes: (json.errors ?? []).map((e) => e.extensions?.code) };
}

const byHash = (sha256Hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash } } });
const withText = (query: string, sha256Hash = documentHash(query)) => ({ query, ...byHash(sha256Hash) });

describe("Automatic Persisted Queries where any operation runs (dev mode's PERSISTED_OPERATIONS=allow)", () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGatewayProcess({ PERSISTED_OPERATIONS: "allow" });
  });
  afterAll(() => gateway?.stop());

  it("costs an unregistered operation one HTTP request after the first, for every client", async () => {
    const query = parse("query MyFrontend { session { identifier expiresAt } }");
    const first = apolloCounting(gateway.url);
    await first.client.query({ query, fetchPolicy: "network-only" });
    expect(first.requests.count).toBe(2); // the hash, then Apollo's retry with the text, which the gateway keeps
    await first.client.query({ query, fetchPolicy: "network-only" });
    expect(first.requests.count).toBe(3);
    const other = apolloCounting(gateway.url);
    const { data } = await other.client.query({ query, fetchPolicy: "network-only" });
    expect(other.requests.count).toBe(1);
    expect(data).toEqual({ session: null });
  });

  it("keeps the operations of a link that hashes as Code Generator does (its sorted print), though Apollo sends its own print", async () => {
    const codeGeneratorHash = (doc: DocumentNode) => `sha256:${documentHash(printExecutableGraphQLDocument(doc))}`;
    const requests = { count: 0 };
    const client = new ApolloClient({
      cache: new InMemoryCache(),
      link: new PersistedQueryLink({ generateHash: codeGeneratorHash }).concat(
        new HttpLink({
          uri: gateway.url,
          fetch: (input, init) => {
            requests.count++;
            return fetch(input, init);
          },
        }),
      ),
    });
    // Fields out of alphabetical order: Apollo's print and Code Generator's differ.
    const query = parse("query Sorted { session { identifier expiresAt active } mySessions { id } }");
    const first = await client.query({ query, fetchPolicy: "network-only", errorPolicy: "all" });
    expect(first.error?.message).toMatch(/session/i); // mySessions needs one: run, not refused
    expect(requests.count).toBe(2);
    await client.query({ query, fetchPolicy: "network-only", errorPolicy: "all" });
    expect(requests.count).toBe(3);
  });

  it("keeps a text only under its own hash: one sent with another's hash runs, and that hash stays unknown", async () => {
    const theirs = documentHash("query Theirs { mySessions { id } }");
    expect(await post(gateway.url, withText("query Mine { session { identifier } }", theirs))).toMatchObject({
      status: 200,
      data: { session: null },
    });
    expect(await post(gateway.url, byHash(theirs))).toMatchObject({
      status: 400,
      codes: ["PERSISTED_QUERY_NOT_FOUND"],
    });
  });
});

describe("the APQ store under a flood of distinct texts (APQ_MAX_ENTRIES, APQ_MAX_BYTES)", () => {
  const MAX_ENTRIES = 40;
  const MAX_BYTES = 20_000;
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGatewayProcess({
      PERSISTED_OPERATIONS: "allow",
      APQ_MAX_ENTRIES: String(MAX_ENTRIES),
      APQ_MAX_BYTES: String(MAX_BYTES),
    });
  });
  afterAll(() => gateway?.stop());

  /** `count` distinct valid texts of about `bytes` each (an alias list padded by a comment). */
  const texts = (prefix: string, count: number, bytes: number) =>
    Array.from({ length: count }, (_, i) => `query ${prefix}${i} { __typename }\n#${"x".repeat(bytes)}`);

  /** How many of `sent` the gateway still answers by their hash alone (a lookup keeps nothing new). */
  const kept = async (sent: string[]) =>
    (
      await pooled(sent, 8, async (text) => (await post(gateway.url, byHash(documentHash(text)))).status === 200)
    ).filter(Boolean).length;

  it("holds at most APQ_MAX_ENTRIES texts and APQ_MAX_BYTES, least recently used out, and registered documents keep working", async () => {
    const small = texts("Small", 300, 10);
    await pooled(small, 8, (text) => post(gateway.url, withText(text)));
    const keptSmall = await kept(small);
    expect(keptSmall).toBe(MAX_ENTRIES); // full, to its entry bound
    expect(await kept(small.slice(0, 100))).toBe(0); // the oldest went first

    const large = texts("Large", 300, 1_000);
    await pooled(large, 8, (text) => post(gateway.url, withText(text)));
    const keptLarge = await kept(large);
    // Each about 1.2 KB with its key and bookkeeping: the byte bound, not the entry bound, holds them.
    expect(keptLarge).toBeGreaterThan(0);
    expect(keptLarge * 1_000).toBeLessThanOrEqual(MAX_BYTES);
    expect(await kept(small)).toBe(0);
    console.info(
      `APQ flood: ${keptSmall} of 300 small texts kept (entry bound), then ${keptLarge} of 300 of 1 KB (byte bound)`,
    );

    // The gateway's own documents do not live in the APQ store: the flood pushed none of them out.
    const ran = await post(gateway.url, { documentId: documentIdFor(CurrentSessionDocument) });
    expect(ran).toMatchObject({ status: 200, data: { session: null } });
    const apollo = byHash(documentIdFor(CurrentSessionDocument).replace(/^sha256:/, ""));
    expect(await post(gateway.url, apollo)).toMatchObject({ status: 200, codes: [] });
  });
});
