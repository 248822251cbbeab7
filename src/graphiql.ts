import type { YogaServerOptions } from "graphql-yoga";

const EXAMPLE_OPERATION = `# Needs a session: the cookie importSession sets,
# or {"Authorization": "Bearer <token>"} in Headers.
query CurrentSession {
  session {
    userId
    identifier
    active
    expiresAt
    wallets { type address }
  }
}
`;

type GraphiQLOptions = Pick<YogaServerOptions<object, object>, "graphiql" | "renderGraphiQL">;

/**
 * GraphiQL where introspection is on (it needs it), nothing where it is off (production's default).
 * `headers` is read each time GraphiQL is served (dev mode's carry the demo token).
 */
export async function graphiqlFor(enabled: boolean, headers?: () => Record<string, string>): Promise<GraphiQLOptions> {
  if (!enabled) return { graphiql: false };
  return {
    // GraphiQL's assets are served inline, not fetched from a CDN: it works offline and behind strict CSPs.
    // Loaded only where GraphiQL is served: the inline bundle alone holds about 30 MB of heap.
    renderGraphiQL: (await import("@graphql-yoga/render-graphiql")).renderGraphiQL,
    graphiql: () => ({
      title: "Para gateway",
      defaultQuery: EXAMPLE_OPERATION,
      headers: JSON.stringify(headers?.() ?? {}),
      // Subscriptions too are POSTed as JSON, which CSRF prevention lets through; by default GraphiQL
      // would open them as a GET, which it refuses without a CSRF header.
      method: "POST",
    }),
  };
}
