import { BENCH_GATEWAY_KEY, IMPORT, ISSUE_JWT, KEEP_ALIVE, VERIFY_JWT, VERIFY_WALLET } from "./operations.js";

/** One HTTP request as the load generator sends it. */
export interface HttpRequest {
  method: "POST";
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** The issue's session query: only what a session check needs. */
export const SESSION_ACTIVE = "query { session { userId active } }";
/** The same query answered from the store alone: the floor the Para-backed operations are measured against. */
export const SESSION_STORED = "query { session { userId expiresAt } }";
export const HELLO = "{ hello }";

const JSON_TYPE = { "content-type": "application/json" };

function graphql(
  query: string,
  variables: Record<string, unknown> = {},
  extra: Record<string, string> = {},
): HttpRequest {
  return {
    method: "POST",
    path: "/graphql",
    headers: { ...JSON_TYPE, ...extra },
    body: JSON.stringify({ query, variables }),
  };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function rest(path: string, body: Record<string, unknown>): HttpRequest {
  return { method: "POST", path, headers: JSON_TYPE, body: JSON.stringify(body) };
}

export const gatewayRequests = {
  import: (session: string) => graphql(IMPORT, { session }),
  session: (token: string) => graphql(SESSION_ACTIVE, {}, bearer(token)),
  sessionStored: (token: string) => graphql(SESSION_STORED, {}, bearer(token)),
  issueJwt: (token: string) => graphql(ISSUE_JWT, { keyIndex: 0 }, bearer(token)),
  keepAlive: (token: string) => graphql(KEEP_ALIVE, {}, bearer(token)),
  verifyWallet: (address: string) => graphql(VERIFY_WALLET, { address }, { "x-gateway-key": BENCH_GATEWAY_KEY }),
  verifyJwt: (token: string) => graphql(VERIFY_JWT, { token }),
};

export const baselineRequests = {
  import: (session: string) => rest("/import", { session }),
  session: (session: string) => rest("/session", { session }),
  issueJwt: (session: string) => rest("/jwt", { session }),
  verifyWallet: (address: string) => rest("/verify-wallet", { address }),
};

export const helloRequest = () => graphql(HELLO);

/** A success carries what the operation answers with, and no GraphQL errors. */
export const answers = (needle: string) => (body: string) => body.includes(needle) && !body.includes('"errors"');

/** The next item each call, round and round: every connection draws from one rotation. */
export function cycle<T>(items: T[]): () => T {
  if (items.length === 0) throw new Error("nothing to cycle through");
  let i = 0;
  return () => items[i++ % items.length] as T;
}
