import { ApolloClient, InMemoryCache } from "@apollo/client";
import { EndSessionDocument, SessionClient, SessionEventsDocument } from "para-graphql-gateway/client";
import { createGatewayLink, typePolicies } from "para-graphql-gateway/client/apollo";
import { describe, expect, it } from "vitest";
import { metric } from "../support/metrics.js";
import { useStack } from "../support/stack.js";

// Trusted documents only: the subscription, like every operation, travels as a hash.
const stack = useStack({ PERSISTED_OPERATIONS: "only" });

/** Apollo Client on the client package's link: subscriptions over SSE by hash, the session's bearer token. */
function apolloFor(session: SessionClient) {
  return new ApolloClient({ link: createGatewayLink(session), cache: new InMemoryCache({ typePolicies }) });
}

describe("Apollo Client subscribed to sessionEvents", () => {
  it("receives ENDED when another client ends the session", async () => {
    const user = await stack.admin.createUser();
    const { session: exported } = await stack.admin.createSession(user.userId, { excludeSigners: true });
    // Events are followed through Apollo here, not by the session client itself.
    const session = new SessionClient({
      url: stack.gateway.url,
      events: false,
      channel: false,
      keepAlive: { policy: "none" },
    });
    await session.signIn(exported);
    const client = apolloFor(session);

    const received: string[] = [];
    const ended = new Promise<void>((resolve, reject) => {
      const subscription = client.subscribe({ query: SessionEventsDocument }).subscribe({
        next: (result) => {
          if (result.error) reject(result.error);
          const type = result.data?.sessionEvents.type;
          if (type) received.push(type);
          if (type === "ENDED") {
            subscription.unsubscribe();
            resolve();
          }
        },
        error: reject,
      });
    });
    // Another client (another device of the user, with the same handle) ends the session once the stream is open.
    const other = apolloFor(session);
    await expect.poll(() => metric(stack.gateway.url, "para_gateway_event_streams")).toBe(1);
    const endedByOther = await other.mutate({ mutation: EndSessionDocument, variables: {} });
    expect(endedByOther.data?.endSession.ended).toBe(true);
    await ended;
    expect(received).toEqual(["ENDED"]);
    session.dispose();
  });

  it("hands a refused subscription on as readable errors, not a network failure", async () => {
    // No session: the gateway refuses the stream before it starts.
    const session = new SessionClient({
      url: stack.gateway.url,
      events: false,
      channel: false,
      keepAlive: { policy: "none" },
    });
    const result = await new Promise<{ code?: unknown }>((resolve, reject) => {
      apolloFor(session)
        .subscribe({ query: SessionEventsDocument })
        .subscribe({
          next: (r) =>
            resolve({
              code:
                r.error && "errors" in r.error
                  ? (r.error.errors as { extensions?: { code?: unknown } }[])[0]?.extensions?.code
                  : r.error?.message,
            }),
          error: reject,
        });
    });
    expect(result.code).toBe("UNAUTHENTICATED");
    session.dispose();
  });
});
