import type { Plugin } from "graphql-yoga";

const pending = new WeakMap<Request, string[]>();

/** Queues a `Set-Cookie` header for this request's response (resolvers have no response to write to). */
export function setResponseCookie(request: Request, setCookie: string): void {
  const list = pending.get(request) ?? [];
  list.push(setCookie);
  pending.set(request, list);
}

/** Writes the cookies resolvers queued onto the response. */
export function useResponseCookies(): Plugin {
  return {
    onResponse({ request, response }) {
      for (const setCookie of pending.get(request) ?? []) response.headers.append("set-cookie", setCookie);
    },
  };
}
