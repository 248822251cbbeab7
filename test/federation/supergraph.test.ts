import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createGatewayRuntime, type GatewayPlugin, type GatewayRuntime } from "@graphql-hive/gateway-runtime";
import { createRemoteJwksSigningKeyProvider, extractFromHeader, useJWT } from "@graphql-mesh/plugin-jwt-auth";
import { composeServices } from "@theguild/federation-composition";
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorUser } from "../../src/emulator/admin-client.js";
import { DEFAULT_API_KEY_ID } from "../../src/emulator/model.js";
import { loadConfig } from "../../src/runtime/config.js";
import { type GatewayProcess, startGatewayProcess, TEST_ENCRYPTION_KEY } from "../support/gateway-process.js";
import { bearer, codes, graphql } from "../support/graphql.js";
import { IMPORT, ISSUE_JWT } from "../support/operations.js";
import { useStack } from "../support/stack.js";
import { ORDERS_SDL, type OrdersSubgraph, startOrdersSubgraph } from "./orders-subgraph.js";

// The supergraph recipe: the gateway as a subgraph (SCHEMA_MODE=subgraph, trusted documents only, as in
// production) composed with a team's orders subgraph, behind Hive Gateway with its JWT plugin verifying
// Para JWTs against Para's key set (the emulator's). The router propagates the JWT to the subgraphs.
const ROUTER_KEY = "router-key-0123456789abcdef";
const stack = useStack({ SCHEMA_MODE: "subgraph", GATEWAY_API_KEYS: ROUTER_KEY, PERSISTED_OPERATIONS: "only" });
const asRouter = { "x-gateway-key": ROUTER_KEY };
let orders: OrdersSubgraph;
let router: { url: string; server: Server; runtime: GatewayRuntime };
let alice: EmulatorUser;
let bob: EmulatorUser;
const signedIn: Record<string, { handle: string; jwt: string }> = {};

/** The Para subgraph's SDL as the router's tooling fetches it (`_service { sdl }`). */
async function paraSdl(): Promise<string> {
  const res = await graphql<{ _service: { sdl: string } }>(stack.gateway.url, "{ _service { sdl } }", {}, asRouter);
  return res.data?._service.sdl as string;
}

function compose(paraTypeDefs: string, ordersTypeDefs: string) {
  return composeServices([
    { name: "para", typeDefs: parse(paraTypeDefs), url: stack.gateway.url },
    { name: "orders", typeDefs: parse(ordersTypeDefs), url: orders.url },
  ]);
}

async function signIn(user: EmulatorUser) {
  const { session } = await stack.admin.createSession(user.userId);
  const imported = await graphql<{ importSession: { sessionToken: string } }>(
    stack.gateway.url,
    IMPORT,
    { session },
    asRouter,
  );
  const handle = imported.data?.importSession.sessionToken as string;
  const issued = await graphql<{ issueJwt: { token: string } }>(
    stack.gateway.url,
    ISSUE_JWT,
    {},
    { ...asRouter, ...bearer(handle) },
  );
  return { handle, jwt: issued.data?.issueJwt.token as string };
}

beforeAll(async () => {
  alice = await stack.admin.createUser({ email: "alice@example.com", walletTypes: ["EVM", "SOLANA"] });
  bob = await stack.admin.createUser({ email: "bob@example.com", walletTypes: ["COSMOS"] });
  orders = await startOrdersSubgraph({
    [alice.userId]: [
      { id: "order-a1", total: 12 },
      { id: "order-a2", total: 30 },
    ],
    [bob.userId]: [{ id: "order-b1", total: 7 }],
  });
  signedIn.alice = await signIn(alice);
  signedIn.bob = await signIn(bob);

  const composed = compose(await paraSdl(), ORDERS_SDL);
  // Composition failing fails the suite: the subgraph's SDL must keep composing.
  expect(composed.errors ?? []).toEqual([]);
  const runtime = createGatewayRuntime({
    supergraph: composed.supergraphSdl as string,
    logging: false,
    plugins: () => [
      useJWT({
        signingKeyProviders: [
          createRemoteJwksSigningKeyProvider({ jwksUri: `${stack.emulator.url}/.well-known/jwks.json` }),
        ],
        tokenLookupLocations: [extractFromHeader({ name: "authorization", prefix: "Bearer" })],
        tokenVerification: { algorithms: ["RS256"], audience: DEFAULT_API_KEY_ID },
        reject: { missingToken: true, invalidToken: true },
        // The plugin's typings name Hive's logger through its ESM build, the runtime's through its CommonJS one:
        // the same class to Node, two to TypeScript.
      }) as unknown as GatewayPlugin,
    ],
    propagateHeaders: {
      // The Para JWT to every subgraph; the router's own key to the Para subgraph only.
      fromClientToSubgraphs: ({ request, subgraphName }) => ({
        authorization: request.headers.get("authorization"),
        ...(subgraphName === "para" ? asRouter : {}),
      }),
    },
  });
  const server = createServer(runtime);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  router = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server, runtime };
}, 60_000);

afterAll(async () => {
  router?.server.close();
  await router?.runtime.dispose();
  await orders?.close();
});

const ME = "{ me { id identifier authType wallets { address type } orders { id total } } }";

describe("the supergraph behind Hive Gateway", () => {
  it("answers me with the Para part from this subgraph and orders from the team's", async () => {
    const res = await graphql<{ me: Record<string, unknown> }>(
      router.url,
      ME,
      {},
      bearer(signedIn.alice?.jwt as string),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.me).toEqual({
      id: alice.userId,
      identifier: "alice@example.com",
      authType: "EMAIL",
      wallets: alice.wallets.map((w) => ({ address: w.address, type: w.type })),
      orders: [
        { id: "order-a1", total: 12 },
        { id: "order-a2", total: 30 },
      ],
    });
  });

  it("gives another user's token that user's entity, never the first's", async () => {
    const res = await graphql<{ me: { id: string; orders: { id: string }[] } }>(
      router.url,
      "{ me { id wallets { type } orders { id } } }",
      {},
      bearer(signedIn.bob?.jwt as string),
    );
    expect(res.data?.me).toEqual({ id: bob.userId, wallets: [{ type: "COSMOS" }], orders: [{ id: "order-b1" }] });
    expect(JSON.stringify(res.data)).not.toContain(alice.userId);
  });

  it("refuses a request without a valid Para JWT at the router's JWT plugin", async () => {
    const asked = orders.asked.length;
    const good = signedIn.alice?.jwt as string;
    const [header, payload] = good.split(".");
    const otherSignature = String(signedIn.bob?.jwt).split(".")[2];
    const otherApps = (await stack.admin.mintJwt({ userId: alice.userId, audience: "another-app" })).token;
    // What the plugin answers: 401 for no token or one that fails verification, 400 for one that is no JWT at all.
    const cases: [Record<string, string>, number, string][] = [
      [{}, 401, "Unauthenticated"],
      [bearer(`${header}.${payload}.${otherSignature}`), 401, "Unauthenticated"],
      [bearer(otherApps), 401, "Unauthenticated"],
      [bearer(signedIn.alice?.handle as string), 400, "Invalid authentication token provided"],
    ];
    for (const [headers, status, message] of cases) {
      const res = await graphql(router.url, ME, {}, headers);
      expect({ status: res.status, data: res.data ?? null, errors: res.errors }).toEqual({
        status,
        data: null,
        errors: [{ message }],
      });
    }
    expect(orders.asked.length).toBe(asked);
  });
});

describe("the Para subgraph", () => {
  const ENTITIES = `query E($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on ParaUser { id identifier wallets { id } } }
  }`;

  it("resolves its entity from the request's own session or JWT, never from the representation", async () => {
    const forged = { __typename: "ParaUser", id: alice.userId, identifier: "forged@example.com" };
    for (const credential of [signedIn.alice?.handle, signedIn.alice?.jwt] as string[]) {
      const res = await graphql<{ _entities: unknown[] }>(
        stack.gateway.url,
        ENTITIES,
        { representations: [forged] },
        { ...asRouter, ...bearer(credential) },
      );
      expect(res.data?._entities).toEqual([
        { id: alice.userId, identifier: "alice@example.com", wallets: alice.wallets.map((w) => ({ id: w.id })) },
      ]);
    }
    // Bob asking for Alice's entity gets nothing of hers; without credentials, nothing at all.
    const asBob = await graphql<{ _entities: unknown[] }>(
      stack.gateway.url,
      ENTITIES,
      { representations: [forged, { __typename: "ParaUser", id: bob.userId }] },
      { ...asRouter, ...bearer(signedIn.bob?.jwt as string) },
    );
    expect(asBob.data?._entities).toEqual([
      null,
      { id: bob.userId, identifier: "bob@example.com", wallets: [{ id: bob.wallets[0]?.id }] },
    ]);
    const anonymous = await graphql<{ _entities: unknown[] }>(
      stack.gateway.url,
      ENTITIES,
      { representations: [forged] },
      asRouter,
    );
    expect(anonymous.data?._entities).toEqual([null]);
  });

  it("keeps trusted documents only for everyone but the router", async () => {
    const res = await graphql(stack.gateway.url, "{ me { id } }", {}, bearer(signedIn.alice?.jwt as string));
    expect(codes(res)).toEqual(["PERSISTED_QUERY_ONLY"]);
    const wrongKey = await graphql(
      stack.gateway.url,
      "{ _service { sdl } }",
      {},
      { "x-gateway-key": "not-the-router-key-0000" },
    );
    expect(codes(wrongKey)).toEqual(["PERSISTED_QUERY_ONLY"]);
  });

  it("refuses a bad JWT as a credential with UNAUTHENTICATED and its reason", async () => {
    const expired = (await stack.admin.mintJwt({ userId: alice.userId, expiresInSeconds: -60 })).token;
    const res = await graphql(stack.gateway.url, "{ me { id } }", {}, { ...asRouter, ...bearer(expired) });
    expect(codes(res)).toEqual(["UNAUTHENTICATED"]);
    expect(res.errors?.[0]?.message).toContain("EXPIRED");
  });

  it("stops composing when a subgraph contradicts its entity, and the check says so", async () => {
    const contradicting = ORDERS_SDL.replace("id: ID!\n  orders", "id: Int!\n  orders");
    const composed = compose(await paraSdl(), contradicting);
    expect(composed.errors?.length).toBeGreaterThan(0);
  });

  it("will not start in production as a subgraph without a key for its router", () => {
    const production = {
      PARA_ENV: "DEV",
      PARA_API_KEY: "dev_public_demo",
      SESSION_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      SCHEMA_MODE: "subgraph",
    };
    expect(() => loadConfig(production)).toThrow(/GATEWAY_API_KEYS is required with SCHEMA_MODE=subgraph/);
    expect(loadConfig({ ...production, GATEWAY_API_KEYS: ROUTER_KEY }).schemaMode).toBe("subgraph");
    expect(loadConfig({ ...production, SCHEMA_MODE: undefined }).schemaMode).toBe("standalone");
  });
});

describe("a flood of bad JWTs at the subgraph", () => {
  let limited: GatewayProcess;
  beforeAll(async () => {
    limited = await startGatewayProcess({
      SCHEMA_MODE: "subgraph",
      GATEWAY_API_KEYS: ROUTER_KEY,
      RATE_LIMITS: "on",
      RATE_LIMIT_UNKNOWN_SESSIONS: "3",
    });
  });
  afterAll(() => limited?.stop());

  it("spends the budget of bad credentials, as unknown session handles do", async () => {
    const expired = (await stack.admin.mintJwt({ userId: alice.userId, expiresInSeconds: -60 })).token;
    const answers: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      answers.push(codes(await graphql(limited.url, "{ me { id } }", {}, { ...asRouter, ...bearer(expired) })));
    }
    expect(answers).toEqual([["UNAUTHENTICATED"], ["UNAUTHENTICATED"], ["UNAUTHENTICATED"], ["RATE_LIMITED"]]);
  });
});
