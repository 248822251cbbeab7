import { parseCookie, stringifySetCookie } from "cookie";

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

/**
 * The cookie that carries the session handle for browser clients: `__Host-para_session` where it is
 * always Secure (production), so that no sibling subdomain can set or shadow it; `para_session` otherwise.
 */
export function sessionCookieHeader(name: string, token: string, maxAgeSeconds: number, secure: boolean): string {
  return stringifySetCookie(name, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    maxAge: Math.max(0, Math.floor(maxAgeSeconds)),
  });
}

export function clearedSessionCookieHeader(name: string, secure: boolean): string {
  return stringifySetCookie(name, "", { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: 0 });
}
