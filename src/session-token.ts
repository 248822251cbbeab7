import { parseCookie, stringifySetCookie } from "cookie";

/** The cookie that carries the session handle for browser clients. */
export const SESSION_COOKIE = "para_session";

export interface RequestToken {
  token: string;
  source: "bearer" | "cookie";
}

/**
 * The session handle a request carries. An `Authorization: Bearer` header wins over the cookie: it is
 * what the caller chose to send for this request, while a cookie rides along with anything a browser
 * sends.
 */
export function sessionTokenFrom(headers: Headers): RequestToken | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "")?.[1];
  if (bearer) return { token: bearer, source: "bearer" };
  const cookieHeader = headers.get("cookie");
  const fromCookie = cookieHeader ? parseCookie(cookieHeader)[SESSION_COOKIE] : undefined;
  return fromCookie ? { token: fromCookie, source: "cookie" } : undefined;
}

export function sessionCookieHeader(token: string, maxAgeSeconds: number, secure: boolean): string {
  return stringifySetCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    maxAge: Math.max(0, Math.floor(maxAgeSeconds)),
  });
}

export function clearedSessionCookieHeader(secure: boolean): string {
  return stringifySetCookie(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: 0 });
}
