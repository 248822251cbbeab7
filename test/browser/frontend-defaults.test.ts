import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { graphql } from "../support/graphql.js";
import { useEmulator } from "../support/stack.js";

useEmulator();

const MY_SESSIONS = "query { mySessions { id } }";

/** A preflight for a JSON POST from `origin`, then the POST itself: the CORS headers each got. */
async function fromOrigin(url: string, origin: string) {
  const preflight = await fetch(url, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
  });
  const request = await graphql(url, "{ __typename }", {}, { origin });
  return [preflight, request].map((r) => ({
    origin: r.headers.get("access-control-allow-origin"),
    credentials: r.headers.get("access-control-allow-credentials"),
  }));
}

describe("dev mode (NODE_ENV=development)", () => {
  let dev: GatewayProcess;
  beforeAll(async () => {
    dev = await startGatewayProcess({ NODE_ENV: "development", PERSISTED_OPERATIONS: undefined });
  });
  afterAll(() => dev?.stop());

  it("lets pages on this machine call from any port: localhost, 127.0.0.1 and [::1]", async () => {
    for (const origin of ["http://127.0.0.1:5173", "http://localhost:3000", "http://[::1]:8081", "http://localhost"]) {
      expect(await fromOrigin(dev.url, origin), origin).toEqual([
        { origin, credentials: "true" },
        { origin, credentials: "true" },
      ]);
    }
  });

  it("gives other origins, look-alikes included, no CORS headers", async () => {
    for (const origin of [
      "http://evil.example",
      "http://localhost.evil.example:5173",
      "http://127.0.0.1.evil.example",
      "http://127.0.0.1:5173/path",
      "null",
    ]) {
      expect(await fromOrigin(dev.url, origin), origin).toEqual([
        { origin: null, credentials: null },
        { origin: null, credentials: null },
      ]);
    }
  });

  it("names the session cookie as dev mode sets it", async () => {
    const res = await graphql(dev.url, MY_SESSIONS);
    expect(res.errors?.[0]?.message).toMatch(/or the para_session cookie/);
  });
});

describe("production", () => {
  let prod: GatewayProcess;
  beforeAll(async () => {
    prod = await startGatewayProcess({ PERSISTED_OPERATIONS: "allow" });
  });
  afterAll(() => prod?.stop());

  it("allows no browser origin without CORS_ORIGINS, loopback included", async () => {
    for (const origin of ["http://127.0.0.1:5173", "http://localhost:3000"]) {
      expect(await fromOrigin(prod.url, origin), origin).toEqual([
        { origin: null, credentials: null },
        { origin: null, credentials: null },
      ]);
    }
  });

  it("names the session cookie by its production name, __Host-para_session, in the error that asks for a session", async () => {
    const res = await graphql(prod.url, MY_SESSIONS);
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(res.errors?.[0]?.message).toMatch(/or the __Host-para_session cookie/);
  });

  it("answers a browser that opens the endpoint with a page that says GraphiQL is off and how to POST", async () => {
    const res = await fetch(prod.url, {
      headers: { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toMatch(/GraphiQL is off here/);
    expect(page).toMatch(/POST/);
  });

  it("serves GraphQL GET requests as before", async () => {
    const url = `${prod.url}?query=${encodeURIComponent("{ __typename }")}`;
    const res = await fetch(url, { headers: { accept: "application/json", "x-graphql-yoga-csrf": "1" } });
    expect([res.status, await res.json()]).toEqual([200, { data: { __typename: "Query" } }]);
  });
});
