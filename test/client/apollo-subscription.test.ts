import { ApolloClient, ApolloLink, InMemoryCache } from "@apollo/client";
import { getMainDefinition } from "@apollo/client/utilities";
import { type Client, createClient } from "graphql-sse";
import { documentIdFor, EndSessionDocument, SessionEventsDocument } from "para-graphql-gateway/client";
import { Observable } from "rxjs";
import { describe, expect, it } from "vitest";
import { bearerHeaders, gatewayHttpLink, signedIn } from "../support/apollo.js";
import { metric } from "../support/metrics.js";
import { useStack } from "../support/stack.js";

// Trusted documents only: the subscription, like every operation, travels as a hash.
const stack = useStack({ PERSISTED_OPERATIONS: "only" });

/**
 * Subscriptions over Server-Sent Events through graphql-sse's client, as graphql-sse documents it for
 * Apollo Client, sending the trusted document's hash (Apollo's persistedQuery extension) instead of
 * its text.
 */
class SseLink extends ApolloLink {
  constructor(private readonly client: Client) {
    super();
  }

  override request(operation: ApolloLink.Operation): Observable<ApolloLink.Result> {
    const sha256Hash = documentIdFor(operation.query);
    return new Observable((sink) =>
      this.client.subscribe(
        {
          operationName: operation.operationName,
          variables: operation.variables,
          extensions: { persistedQuery: { version: 1, sha256Hash } },
        } as never,
        {
          next: (result) => sink.next(result as ApolloLink.Result),
          complete: () => sink.complete(),
          error: (error) => sink.error(error),
        },
      ),
    );
  }
}

function apolloClient(getToken: () => string | undefined) {
  const headers = bearerHeaders(getToken);
  const sse = new SseLink(createClient({ url: stack.gateway.url, headers, retryAttempts: 0 }));
  const http = gatewayHttpLink(stack.gateway.url, headers);
  const isSubscription = ({ query }: ApolloLink.Operation) => {
    const definition = getMainDefinition(query);
    return definition.kind === "OperationDefinition" && definition.operation === "subscription";
  };
  return new ApolloClient({ link: ApolloLink.split(isSubscription, sse, http), cache: new InMemoryCache() });
}

describe("Apollo Client subscribed to sessionEvents", () => {
  it("receives ENDED when another client ends the session", async () => {
    const user = await stack.admin.createUser();
    const { session } = await stack.admin.createSession(user.userId, { excludeSigners: true });
    const { client, getToken } = await signedIn(apolloClient, session);

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
    // Another client (another device of the user) ends the session once the stream is open.
    const other = apolloClient(getToken);
    await expect.poll(() => metric(stack.gateway.url, "para_gateway_event_streams")).toBe(1);
    const endedByOther = await other.mutate({ mutation: EndSessionDocument, variables: {} });
    expect(endedByOther.data?.endSession.ended).toBe(true);
    await ended;
    expect(received).toEqual(["ENDED"]);
  });
});
