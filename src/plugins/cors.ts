import type { Plugin, YogaServerOptions } from "graphql-yoga";
import { isLoopback } from "../runtime/config.js";

type CorsFactory = Extract<YogaServerOptions<object, object>["cors"], (...args: never[]) => unknown>;

/** A DNS label, or several joined by dots: what may stand for the `*` of a pattern. */
const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;

/**
 * Whether a request's Origin is one of CORS_ORIGINS: equal to an exact entry, or, for a pattern such as
 * `https://*.example.com` (validated by the configuration: the `*` stands first, before at least two
 * labels), a subdomain of any depth of that name, with the same scheme and port. Not the name itself,
 * not `https://example.com.evil.com`, not `https://evil.com/.example.com`.
 */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => {
    const star = entry.indexOf("://*.");
    if (star < 0) return origin === entry;
    const scheme = entry.slice(0, star + 3); // "https://"
    const suffix = entry.slice(star + 4); // ".example.com[:port]"
    if (!origin.startsWith(scheme) || !origin.endsWith(suffix)) return false;
    return SUBDOMAIN.test(origin.slice(scheme.length, origin.length - suffix.length));
  });
}

/** Whether an Origin is a page on this machine: http(s) on localhost, 127.0.0.1 or [::1], any port. */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === origin && isLoopback(url.hostname);
  } catch {
    return false; // "null" (a sandboxed page, a file) and anything else that is no origin
  }
}

/**
 * CORS for browser frontends: only the allowed origins (see originAllowed), and with `loopback` (dev mode)
 * pages on this machine on any port (a Vite or Next dev server), get CORS headers, with credentials
 * (cookies) allowed, the listed request headers and the listed readable response headers. Yoga's
 * default would reflect any origin with credentials.
 */
export function corsFor(
  origins: string[],
  allowedHeaders: string[],
  exposedHeaders: string[],
  loopback = false,
): CorsFactory {
  return (request: Request) => {
    const origin = request.headers.get("origin");
    if (!origin || !(originAllowed(origin, origins) || (loopback && isLoopbackOrigin(origin)))) return false;
    return {
      origin: [origin],
      credentials: true,
      methods: ["GET", "POST", "OPTIONS"],
      allowedHeaders,
      ...(exposedHeaders.length > 0 ? { exposedHeaders } : {}),
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
