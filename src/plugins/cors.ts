import type { Plugin, YogaServerOptions } from "graphql-yoga";

type CorsFactory = Extract<YogaServerOptions<object, object>["cors"], (...args: never[]) => unknown>;

/**
 * CORS for browser frontends: only the listed origins get CORS headers, with credentials (cookies)
 * allowed. Yoga's default would reflect any origin with credentials.
 */
export function corsFor(origins: string[]): CorsFactory {
  return (request: Request) => {
    const origin = request.headers.get("origin");
    if (!origin || !origins.includes(origin)) return false;
    return {
      origin: [origin],
      credentials: true,
      methods: ["GET", "POST", "OPTIONS"],
      allowedHeaders: ["content-type", "authorization", "apollo-require-preflight", "x-graphql-yoga-csrf"],
      maxAge: 600,
    };
  };
}

/**
 * `Vary: Origin` on every answer: whether CORS headers come back depends on the Origin, so no cache may
 * hand one origin's answer to another.
 */
export function useVaryOrigin(): Plugin {
  return {
    onResponse({ response }) {
      const vary = response.headers.get("vary");
      if (
        !vary
          ?.toLowerCase()
          .split(/\s*,\s*/)
          .includes("origin")
      ) {
        response.headers.set("vary", vary ? `${vary}, Origin` : "Origin");
      }
    },
  };
}
