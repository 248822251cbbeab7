import { ApolloClient, CombinedGraphQLErrors, HttpLink, InMemoryCache } from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { parse } from "graphql";
import type { RequestParams } from "graphql-sse";
import { CurrentSessionDocument, documentIdFor, SessionEventsDocument } from "para-graphql-gateway/client";
import { describe, expect, it } from "vitest";
import { documentHash } from "../../src/documents/manifest.js";
import { graphql } from "../support/graphql.js";
import { SESSION_EVENTS, subscribe } from "../support/sse.js";
import { useStack } from "../support/stack.js";

/** An operation no manifest has: a frontend's own, not registered yet. */
const UNREGISTERED = "query NotRegistered { session { identifier expiresAt } }";

/** Apollo Client as a frontend sets it up for APQ (its PersistedQueryLink, SHA-256 of the printed text), counting HTTP requests. */
function apolloCounting(url: string) {
  const sent: { query?: string; extensions?: { persistedQuery?: { sha256Hash?: string } } }[] = [];
  const counting: typeof fetch = (input, init) => {
    sent.push(JSON.parse(String(init?.body)));
    return fetch(input, init);
  };
  const client = new ApolloClient({
    cache: new InMemoryCache(),
    link: new PersistedQueryLink({ sha256: documentHash }).concat(new HttpLink({ uri: url, fetch: counting })),
  });
  return { client, sent };
}

/** The first GraphQL error Apollo raised for `query`, or undefined when it ran. */
async function refusalOf(client: ApolloClient, query: string) {
  try {
    await client.query({ query: parse(query), fetchPolicy: "network-only" });
    return undefined;
  } catch (error) {
    if (!CombinedGraphQLErrors.is(error)) throw error;
    return error.errors[0] as { message: string; extensions?: { code?: string } };
  }
}

const stack = useStack({ PERSISTED_OPERATIONS: "only" });

describe("trusted documents only (production): what a client that sent a hash hears", () => {
  it("answers Apollo's PersistedQueryLink PERSISTED_QUERY_NOT_FOUND with what to do, on its retry with the text too", async () => {
    const { client, sent } = apolloCounting(stack.gateway.url);
    const error = await refusalOf(client, UNREGISTERED);
    expect(error?.extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    expect(error?.message).toMatch(/npm run documents:add/);
    expect(error?.message).toMatch(/TRUSTED_DOCUMENTS_DIR/);
    // The hash alone, then Apollo's retry with the text and the hash: both answered NOT_FOUND, not PERSISTED_QUERY_ONLY.
    const text = sent[1]?.query as string; // as Apollo prints it
    expect(sent.map((body) => [body.query, body.extensions?.persistedQuery?.sha256Hash])).toEqual([
      [undefined, documentHash(text)],
      [text, documentHash(text)],
    ]);
  });

  it("never keeps a text a client sent: the hash alone stays unknown after the text came with it", async () => {
    const hash = documentHash(UNREGISTERED);
    const persistedQuery = { version: 1, sha256Hash: hash };
    for (const body of [{ query: UNREGISTERED, extensions: { persistedQuery } }, { extensions: { persistedQuery } }]) {
      const res = await fetch(stack.gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect([res.status, json.errors.map((e) => e.extensions.code)]).toEqual([400, ["PERSISTED_QUERY_NOT_FOUND"]]);
    }
  });

  it("runs a trusted document by its hash when the text comes along, whatever that text says", async () => {
    const id = documentIdFor(CurrentSessionDocument);
    const res = await fetch(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: "query Other { mySessions { id } }",
        extensions: { persistedQuery: { version: 1, sha256Hash: id.replace(/^sha256:/, "") } },
      }),
    });
    const json = (await res.json()) as { data?: { session: unknown }; errors?: unknown };
    expect(json.errors).toBeUndefined();
    expect(json.data?.session).toBeNull();
  });

  it("still answers a text without a hash PERSISTED_QUERY_ONLY", async () => {
    const res = await graphql(stack.gateway.url, UNREGISTERED);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["PERSISTED_QUERY_ONLY"]);
  });
});

describe("refused subscriptions, through graphql-sse's own client", () => {
  /** What the graphql-sse client handed the subscriber for `request`, once the stream ended. */
  async function refusal(request: RequestParams) {
    const stream = subscribe(stack.gateway.url, {}, request);
    await stream.completed;
    stream.close();
    return { events: stream.events, errors: stream.errors };
  }

  it("reports PERSISTED_QUERY_ONLY and PERSISTED_QUERY_NOT_FOUND with their code and message, as it does UNAUTHENTICATED", async () => {
    const onlyText = await refusal({ query: SESSION_EVENTS });
    const unknownHash = await refusal({
      query: SESSION_EVENTS,
      extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(SESSION_EVENTS) } },
    });
    const unknownId = await refusal({ documentId: "f".repeat(64) } as unknown as RequestParams);
    const noSession = await refusal({ documentId: documentIdFor(SessionEventsDocument) } as unknown as RequestParams);
    for (const [answer, code, message] of [
      [onlyText, "PERSISTED_QUERY_ONLY", /runs only trusted documents/],
      [unknownHash, "PERSISTED_QUERY_NOT_FOUND", /npm run documents:add/],
      [unknownId, "PERSISTED_QUERY_NOT_FOUND", /npm run documents:add/],
      [noSession, "UNAUTHENTICATED", /carries no session/],
    ] as const) {
      expect(answer.events).toEqual([]);
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors[0]?.extensions?.code).toBe(code);
      expect(answer.errors[0]?.message).toMatch(message);
    }
  });
});
