import type { YogaServerOptions } from "graphql-yoga";

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
