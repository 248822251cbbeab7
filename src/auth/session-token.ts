import { parseCookie, type SerializeOptions, stringifySetCookie } from "cookie";
import type { Config } from "../runtime/config.js";

export interface RequestToken {
  token: string;
  source: "bearer" | "cookie";
}

/**
 * The session handle a request carries. An `Authorization: Bearer` header wins over the cookie: it is
 * what the caller chose to send for this request, while a cookie rides along with anything a browser
 * sends.
 */
export function sessionTokenFrom(headers: Headers, cookieName: string): RequestToken | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "")?.[1];
  if (bearer) return { token: bearer, source: "bearer" };
  const cookieHeader = headers.get("cookie");
  const fromCookie = cookieHeader ? parseCookie(cookieHeader)[cookieName] : undefined;
  return fromCookie ? { token: fromCookie, source: "cookie" } : undefined;
}

/** The cookie's settings: its name (see sessionCookieName in config.ts), SameSite and Domain. */
export type SessionCookieSettings = Pick<Config, "cookieName" | "cookieSameSite" | "cookieDomain">;

/**
 * The attributes of the cookie that carries the session handle for browser clients, the same for setting
 * and clearing it (a browser clears only the cookie whose name, Domain and Path match).
 */
function cookieAttributes(cookie: SessionCookieSettings, secure: boolean, maxAgeSeconds: number): SerializeOptions {
  return {
    httpOnly: true,
    sameSite: cookie.cookieSameSite,
    path: "/",
    domain: cookie.cookieDomain,
    secure,
    maxAge: Math.max(0, Math.floor(maxAgeSeconds)),
  };
}

/** Sets the session cookie: HttpOnly, Path=/, with the configured SameSite and Domain. */
export function sessionCookieHeader(
  cookie: SessionCookieSettings,
  token: string,
  maxAgeSeconds: number,
  secure: boolean,
): string {
  return stringifySetCookie(cookie.cookieName, token, cookieAttributes(cookie, secure, maxAgeSeconds));
}

export function clearedSessionCookieHeader(cookie: SessionCookieSettings, secure: boolean): string {
  return stringifySetCookie(cookie.cookieName, "", cookieAttributes(cookie, secure, 0));
}
