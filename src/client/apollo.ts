import { type ApolloClient, ApolloLink, HttpLink, type Reference, type TypePolicies } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { getMainDefinition } from "@apollo/client/utilities";
import { Observable } from "rxjs";
import { documentIdFor } from "./document-id.js";
import type { SessionClient } from "./session/session-client.js";
import { subscribeTrusted } from "./sse.js";

/**
 * Apollo Client integration (`para-graphql-gateway-client/apollo`): type policies for every type the
 * gateway returns, the link chain, and the wiring from session events to the cache.
 */

/** Types that describe an answer, not a thing: never stored as entities of their own. */
const PAYLOADS = [
  "ImportSessionPayload",
  "KeepSessionAlivePayload",
  "IssueJwtPayload",
  "EndSessionPayload",
  "JwtClaims",
  "JwtVerification",
  "SessionEvent",
  "SessionVerification",
  "WalletVerification",
  "AddressProblem",
];

export const typePolicies: TypePolicies = {
  ...Object.fromEntries(PAYLOADS.map((name) => [name, { keyFields: false }])),
  // Session, SessionSummary and Wallet are entities by their id, Apollo's default; an operation that
  // selects no id still works (unnormalized), but only one with `id` follows extensions and ends.
  Session: { fields: { wallets: { merge: false } } },
  Query: {
    fields: {
      // An evicted (ended or expired) session drops out of the cached list at once.
      mySessions: {
        merge: false,
        read: (existing: readonly Reference[] | undefined, { canRead }) => existing?.filter((ref) => canRead(ref)),
      },
    },
  },
};

export interface GatewayLinkOptions {
  /**
   * Send the text after a PERSISTED_QUERY_NOT_FOUND (default false): only a dev-mode gateway, which
   * registers it, wants it; production runs only registered documents.
   */
  retryWithText?: boolean;
}

const isSubscription = ({ query }: ApolloLink.Operation) => {
  const definition = getMainDefinition(query);
  return definition.kind === "OperationDefinition" && definition.operation === "subscription";
};

/** Subscriptions over Server-Sent Events, by trusted-document hash, with the session's headers. */
class SseLink extends ApolloLink {
  constructor(private readonly session: SessionClient) {
    super();
  }

  override request(operation: ApolloLink.Operation): Observable<ApolloLink.Result> {
    return new Observable((sink) =>
      subscribeTrusted(this.session, operation.query, operation.variables, {
        next: (result) => sink.next(result as ApolloLink.Result),
        // A refusal arrives as GraphQL errors: hand them on as a result, readable, not as a network error.
        error: (error) => {
          if (!Array.isArray(error)) return sink.error(error);
          sink.next({ errors: error });
          sink.complete();
        },
        complete: () => sink.complete(),
      }),
    );
  }
}

/**
 * The link chain for the gateway: the session on every request (bearer header or cookie), trusted
 * documents by Code Generator's hash, subscriptions over SSE.
 */
export function createGatewayLink(session: SessionClient, options: GatewayLinkOptions = {}): ApolloLink {
  const http = ApolloLink.from([
    new SetContextLink((prev) => ({ headers: { ...prev.headers, ...session.headers() } })),
    new PersistedQueryLink({ generateHash: documentIdFor, retry: () => options.retryWithText === true }),
    new HttpLink({ uri: session.url, credentials: session.credentials, fetch: session.fetch }),
  ]);
  return ApolloLink.split(isSubscription, new SseLink(session), http);
}

/**
 * Keeps Apollo's cache right as the session changes: an extension moves the cached expiry, an ended
 * or expired session is evicted (and drops out of `mySessions`), and a sign-in or sign-out clears
 * what belonged to the previous user. Returns the function that stops it.
 */
export function connectApolloCache(session: SessionClient, client: ApolloClient): () => void {
  const { cache } = client;
  const ids = (id: string) => ["Session", "SessionSummary"].map((__typename) => cache.identify({ __typename, id }));
  return session.onEvent((event) => {
    switch (event.type) {
      case "EXTENDED":
      case "EXPIRING":
        if (!event.sessionId || !event.expiresAt) return;
        for (const id of ids(event.sessionId)) cache.modify({ id, fields: { expiresAt: () => event.expiresAt } });
        return;
      case "ENDED":
      case "EXPIRED":
        if (!event.sessionId) return;
        for (const id of ids(event.sessionId)) cache.evict({ id });
        cache.gc();
        return;
      case "SIGNED_IN":
      case "SIGNED_OUT":
        void client.clearStore();
        return;
    }
  });
}
