import type { GraphiQLOptions as RenderOptions, YogaServerOptions } from "graphql-yoga";

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

/**
 * GraphiQL's editors use Fira Code with ligatures, which draw `0x` as `0×`: every address would read
 * wrong. Monaco sets its font features inline on the text it lays out, hence `!important`.
 */
const NO_LIGATURES = `<style>.graphiql-container .monaco-editor, .graphiql-container .monaco-editor * {
  font-variant-ligatures: none !important; font-feature-settings: "liga" 0, "calt" 0 !important;
}</style>`;

type GraphiQLOptions = Pick<YogaServerOptions<object, object>, "graphiql" | "renderGraphiQL">;

/**
 * Runs before GraphiQL reads its storage. GraphiQL 5 restores the active tab only when the separate
 * `graphiql:query`/`variables`/`headers` keys hash to a stored tab; each is written only when its
 * editor changes, so after a visit that left an editor untouched (the default tab's headers come from
 * `headers`) a reload found no match and opened a new tab: empty, or a copy beside the saved one.
 * Pointing the keys at the active stored tab makes GraphiQL reopen it as it was. Before that, tabs
 * that carry a header value served on an earlier load (dev mode's demo token, new after a restart)
 * get the value served now.
 */
const restoreTabs = (served: string) => `(() => {
  try {
    const served = ${served};
    const previous = JSON.parse(localStorage.getItem("para-gateway:served-headers") || "{}");
    localStorage.setItem("para-gateway:served-headers", JSON.stringify(served));
    const refresh = (text) => Object.entries(previous).reduce((t, [name, value]) =>
      name in served ? t.replaceAll(JSON.stringify(value), JSON.stringify(served[name])) : t, text);
    const state = JSON.parse(localStorage.getItem("graphiql:tabState"));
    const active = state.tabs[state.activeTabIndex];
    for (const tab of state.tabs) if (tab.headers) tab.headers = refresh(tab.headers);
    localStorage.setItem("graphiql:tabState", JSON.stringify(state));
    for (const key of ["query", "variables", "headers"]) {
      if (active[key] === null) localStorage.removeItem("graphiql:" + key);
      else localStorage.setItem("graphiql:" + key, active[key]);
    }
  } catch {} // No stored tabs yet (GraphiQL starts with its default tab), or storage GraphiQL itself discards.
})();`;

/**
 * GraphiQL where introspection is on (it needs it), nothing where it is off (production's default).
 * `headers` is read each time GraphiQL is served (dev mode's carry the demo token).
 */
export async function graphiqlFor(enabled: boolean, headers?: () => Record<string, string>): Promise<GraphiQLOptions> {
  if (!enabled) return { graphiql: false };
  // GraphiQL's assets are served inline, not fetched from a CDN: it works offline and behind strict CSPs.
  // Loaded only where GraphiQL is served: the inline bundle alone holds about 30 MB of heap.
  const { renderGraphiQL } = await import("@graphql-yoga/render-graphiql");
  return {
    renderGraphiQL: (options: RenderOptions) =>
      renderGraphiQL(options).replace(
        '<div id="root"></div>',
        `<div id="root"></div><script>${restoreTabs((options.headers ?? "{}").replaceAll("<", "\\u003c"))}</script>${NO_LIGATURES}`,
      ),
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
