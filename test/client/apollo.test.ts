import { ApolloClient, CombinedGraphQLErrors, InMemoryCache } from "@apollo/client";
import {
  CurrentSessionDocument,
  documentIdFor,
  EndSessionDocument,
  ImportSessionDocument,
  IssueJwtDocument,
  KeepSessionAliveDocument,
  VerifyWalletsDocument,
} from "para-graphql-gateway/client";
import { describe, expect, it } from "vitest";
import { bearerHeaders, gatewayHttpLink, signedIn } from "../support/apollo.js";
import { useStack } from "../support/stack.js";

// Trusted documents only: everything below reaches the gateway as a hash from the generated manifest.
const stack = useStack({ PERSISTED_OPERATIONS: "only" });

/** An Apollo Client as a frontend would set it up: trusted documents by hash, the session as a bearer token. */
function apolloClient(getToken: () => string | undefined) {
  return new ApolloClient({
    link: gatewayHttpLink(stack.gateway.url, bearerHeaders(getToken)),
    cache: new InMemoryCache(),
    defaultOptions: { query: { fetchPolicy: "network-only" } },
  });
}

describe("Apollo Client with the generated typed documents", () => {
  it("imports, reads, issues a JWT, keeps alive, verifies wallets and ends the session", async () => {
    const user = await stack.admin.createUser({ email: "apollo@example.com", walletTypes: ["EVM", "SOLANA"] });
    const { session } = await stack.admin.createSession(user.userId, { excludeSigners: true });
    const { client, imported } = await signedIn(apolloClient, session);
    expect(imported.data?.importSession.session.identifier).toBe("apollo@example.com");

    const current = await client.query({ query: CurrentSessionDocument });
    expect(current.data?.session).toMatchObject({ userId: user.userId, active: true, __typename: "Session" });

    const jwt = await client.mutate({ mutation: IssueJwtDocument, variables: { keyIndex: 0 } });
    expect(jwt.data?.issueJwt.claims.userId).toBe(user.userId);
    expect(jwt.data?.issueJwt.token.split(".")).toHaveLength(3);

    const kept = await client.mutate({ mutation: KeepSessionAliveDocument });
    expect(kept.data?.keepSessionAlive.alive).toBe(true);

    const addresses = [...user.wallets.map((w) => w.address), `0x${"00".repeat(20)}`];
    const verified = await client.query({ query: VerifyWalletsDocument, variables: { addresses } });
    expect(verified.data?.verifyWallets.map((v) => v.verified)).toEqual([true, true, false]);

    const ended = await client.mutate({ mutation: EndSessionDocument });
    expect(ended.data?.endSession.ended).toBe(true);
  });

  it("normalizes Session by id: after keepSessionAlive, the cached CurrentSession shows the new expiry without a refetch", async () => {
    await stack.admin.configure({ sessionLengthSeconds: 600 });
    const user = await stack.admin.createUser();
    const { session } = await stack.admin.createSession(user.userId, { excludeSigners: true });
    const { client } = await signedIn(apolloClient, session);
    const before = await client.query({ query: CurrentSessionDocument, fetchPolicy: "network-only" });
    await stack.admin.configure({ sessionLengthSeconds: 1800 });

    const kept = await client.mutate({ mutation: KeepSessionAliveDocument });
    const renewed = kept.data?.keepSessionAlive.session.expiresAt as string;
    expect(Date.parse(renewed)).toBeGreaterThan(Date.parse(before.data?.session?.expiresAt as string));
    // From the cache alone: the mutation's Session (same id) updated the query's.
    const cached = client.readQuery({ query: CurrentSessionDocument });
    expect(cached?.session?.id).toBe(before.data?.session?.id);
    expect(cached?.session?.expiresAt).toBe(renewed);
  });

  it("delivers error codes in CombinedGraphQLErrors' extensions", async () => {
    const client = apolloClient(() => "not-a-session");
    const result = await client.query({ query: CurrentSessionDocument, errorPolicy: "all" });
    expect(CombinedGraphQLErrors.is(result.error)).toBe(true);
    const errors = CombinedGraphQLErrors.is(result.error) ? result.error.errors : [];
    expect(errors.map((e) => e.extensions?.code)).toEqual(["UNAUTHENTICATED"]);

    const rejected = client.mutate({ mutation: ImportSessionDocument, variables: { session: "not base64!" } });
    await expect(rejected).rejects.toSatisfy(
      (error: unknown) =>
        CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === "BAD_USER_INPUT"),
    );
  });
});

describe("trusted documents", () => {
  it("refuses an operation that is not in the manifest, with a clear error", async () => {
    const res = await fetch(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ session { userId } }" }),
    });
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe("PERSISTED_QUERY_ONLY");
    expect(body.errors[0]?.message).toMatch(/trusted documents/);
    const unknown = await fetch(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ documentId: "sha256:0000" }),
    });
    expect(((await unknown.json()) as typeof body).errors[0]?.extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
  });

  it("runs a manifest document named by documentId", async () => {
    const res = await fetch(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ documentId: documentIdFor(CurrentSessionDocument) }),
    });
    expect(await res.json()).toEqual({ data: { __typename: "Query", session: null } });
  });
});
