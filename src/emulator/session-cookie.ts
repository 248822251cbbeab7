import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Para's sessions are express-session sessions: the cookie value is `s:<id>.<HMAC-SHA256 signature>`,
 * URL-encoded, named `capsule.sid`, and the SDK carries the whole Set-Cookie string (attributes and
 * expiry included) in `x-capsule-sid`. When the session is extended, the answer carries the new string.
 */
export const COOKIE_NAME = "capsule.sid";

export class SessionCookies {
  constructor(private readonly secret: string) {}

  private signature(id: string): string {
    return createHmac("sha256", this.secret).update(id).digest("base64").replace(/=+$/, "");
  }

  /** The string the SDK stores and sends back as `x-capsule-sid`. */
  format(id: string, expiresAt: number): string {
    const value = encodeURIComponent(`s:${id}.${this.signature(id)}`);
    return `${COOKIE_NAME}=${value}; Path=/; Expires=${new Date(expiresAt).toUTCString()}; HttpOnly; Secure; SameSite=None`;
  }

  /** The session id a cookie string names, or undefined when it is not one this server signed. */
  parse(header: string | undefined): string | undefined {
    if (!header) return undefined;
    const first = header.split(";")[0]?.trim() ?? "";
    const prefix = `${COOKIE_NAME}=`;
    if (!first.startsWith(prefix)) return undefined;
    let value: string;
    try {
      value = decodeURIComponent(first.slice(prefix.length));
    } catch {
      return undefined;
    }
    const m = /^s:([^.]+)\.(.+)$/.exec(value);
    if (!m) return undefined;
    const [, id = "", sig = ""] = m;
    const expected = Buffer.from(this.signature(id));
    const given = Buffer.from(sig);
    return expected.length === given.length && timingSafeEqual(expected, given) ? id : undefined;
  }
}
