import type { Plugin } from "graphql-yoga";

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Para gateway</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>Para gateway</h1>
<p>This is a GraphQL endpoint. GraphiQL is off here: production mode turns introspection off, and GraphiQL
needs it (<code>INTROSPECTION=on</code> turns both on; <code>npm run dev</code> has them).</p>
<p>Send operations as <code>POST</code> with <code>content-type: application/json</code>; in production, by the
hash of a trusted document:</p>
<pre>curl -s &lt;this URL&gt; -H 'content-type: application/json' -d '{"documentId":"&lt;sha256&gt;","variables":{}}'</pre>
</body></html>
`;

/**
 * Where GraphiQL is off, a browser that opens the endpoint (a GET asking for HTML, as Yoga's GraphiQL
 * answers) gets a page that says so and how to call it, instead of an empty 406. GraphQL GET requests
 * ask for JSON and are served as before.
 */
export function useGraphiQLOffPage(endpoint: string): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== "GET" || url.pathname !== endpoint) return;
      if (!request.headers.get("accept")?.includes("text/html")) return;
      endResponse(
        new fetchAPI.Response(PAGE, { status: 200, headers: { "content-type": "text/html; charset=utf-8" } }),
      );
    },
  };
}
