import type { Plugin } from "graphql-yoga";

/**
 * `path` answers 200 when `ready()` says so, else 503. Matched as Yoga matches its own /health (the URL
 * ends with it). Yoga's useReadinessCheck also tests a URLPattern on every request that is not for it,
 * which cost about 10 µs per GraphQL request, 5% of a cached verifyWallet.
 */
export function useReadiness(path: string, ready: () => Promise<boolean>): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (!request.url.endsWith(path)) return;
      return ready().then((ok) => endResponse(new fetchAPI.Response(null, { status: ok ? 200 : 503 })));
    },
  };
}
