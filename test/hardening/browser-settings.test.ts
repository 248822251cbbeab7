import { describe, expect, it } from "vitest";
import { clearedSessionCookieHeader, sessionCookieHeader } from "../../src/auth/session-token.js";
import { originAllowed } from "../../src/plugins/cors.js";
import { ConfigError, DEFAULT_CORS_ALLOW_HEADERS, loadConfig } from "../../src/runtime/config.js";
import { TEST_ENCRYPTION_KEY } from "../support/gateway-process.js";
import { graphql } from "../support/graphql.js";
import { END_SESSION, IMPORT, SESSION } from "../support/operations.js";
import { useStack } from "../support/stack.js";

/** The least a production gateway needs; each test adds the settings it is about. */
const env = (extra: Record<string, string>) => ({
  PARA_ENV: "DEV",
  PARA_API_KEY: "dev_public_demo",
  SESSION_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
  ...extra,
});

/** The problems loadConfig reports for an environment (none: it loaded). */
function problems(extra: Record<string, string>): string[] {
  try {
    loadConfig(env(extra));
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe("the origin matcher", () => {
  const allowed = ["https://app.example.org", "https://*.example.com", "http://*.dev.example.net:8443"];

  it("allows exact origins and any depth of subdomain of a pattern, with its scheme and port", () => {
    for (const origin of [
      "https://app.example.org",
      "https://app.example.com",
      "https://a.b.c.example.com",
      "https://xn--bcher-kva.example.com",
      "https://my-app-1.example.com",
      "http://x.dev.example.net:8443",
    ]) {
      expect(originAllowed(origin, allowed), origin).toBe(true);
    }
  });

  it("refuses the name itself, look-alikes, other schemes and ports, and anything not a host", () => {
    for (const origin of [
      "https://example.com",
      "https://evil.com/.example.com",
      "https://example.com.evil.com",
      "https://evilexample.com",
      "https://app.example.com.",
      "https://.example.com",
      "https://a..example.com",
      "https://-a.example.com",
      "https://user@app.example.com",
      "https://evil.com#.example.com",
      "https://evil.com?.example.com",
      "https://app.example.com:443",
      "https://app.example.com:8443",
      "http://app.example.com",
      "wss://app.example.com",
      "https://APP.example.com",
      "https://x.dev.example.net:8443",
      "http://x.dev.example.net",
      "https://app.example.org.evil.com",
      "http://app.example.org",
      "null",
      "",
    ]) {
      expect(originAllowed(origin, allowed), origin).toBe(false);
    }
  });

  it("allows nothing when nothing is listed", () => {
    expect(originAllowed("https://app.example.com", [])).toBe(false);
  });
});

describe("the browser settings", () => {
  it("default to Lax, host-only, the usual request headers and x-request-id and x-trace-id readable", () => {
    const config = loadConfig(env({}));
    expect(config.cookieSameSite).toBe("lax");
    expect(config.cookieDomain).toBeUndefined();
    expect(config.cookieName).toBe("__Host-para_session");
    expect(config.corsOrigins).toEqual([]);
    expect(config.corsAllowHeaders).toEqual(DEFAULT_CORS_ALLOW_HEADERS);
    expect(config.corsAllowHeaders).toEqual(
      expect.arrayContaining(["content-type", "apollographql-client-name", "sentry-trace", "baggage", "traceparent"]),
    );
    expect(config.corsExposeHeaders).toEqual(["x-request-id", "x-trace-id"]);
  });

  it("name the cookie after what it may be: __Host- host-only, __Secure- with a Domain, plain when not always Secure", () => {
    expect(loadConfig(env({ COOKIE_DOMAIN: "Example.com" }))).toMatchObject({
      cookieName: "__Secure-para_session",
      cookieDomain: "example.com",
    });
    expect(loadConfig(env({ COOKIE_DOMAIN: ".example.com" })).cookieDomain).toBe("example.com");
    expect(loadConfig(env({ COOKIE_DOMAIN: "" })).cookieName).toBe("__Host-para_session");
    expect(loadConfig(env({ COOKIE_DOMAIN: "example.com", COOKIE_SECURE: "false" })).cookieName).toBe("para_session");
    expect(loadConfig(env({ COOKIE_DOMAIN: "example.com", COOKIE_SECURE: "auto" })).cookieName).toBe("para_session");
    expect(loadConfig(env({ COOKIE_SAMESITE: "none" })).cookieSameSite).toBe("none");
    expect(loadConfig(env({ COOKIE_SAMESITE: "strict" })).cookieSameSite).toBe("strict");
  });

  it("take patterns and lists, lower-cased", () => {
    const config = loadConfig(
      env({
        CORS_ORIGINS: "https://App.Example.org, https://*.example.com,http://*.dev.example.net:8443",
        CORS_ALLOW_HEADERS: "Content-Type, X-Custom",
        CORS_EXPOSE_HEADERS: "",
      }),
    );
    expect(config.corsOrigins).toEqual([
      "https://app.example.org",
      "https://*.example.com",
      "http://*.dev.example.net:8443",
    ]);
    expect(config.corsAllowHeaders).toEqual(["content-type", "x-custom"]);
    expect(config.corsExposeHeaders).toEqual([]);
  });

  it("refuse SameSite=None without a cookie that is always Secure", () => {
    for (const secure of ["false", "auto"]) {
      const found = problems({ COOKIE_SAMESITE: "none", COOKIE_SECURE: secure });
      expect(found).toEqual([expect.stringMatching(/^COOKIE_SAMESITE is none, which needs COOKIE_SECURE=true/)]);
      expect(found[0]).toContain(`(it is ${secure})`);
    }
    // Dev mode's default is auto: refused too, saying why.
    const dev = problems({ NODE_ENV: "development", COOKIE_SAMESITE: "none" });
    expect(dev).toEqual([expect.stringContaining("(it is auto, dev mode's default)")]);
    expect(problems({ NODE_ENV: "development", COOKIE_SAMESITE: "none", COOKIE_SECURE: "true" })).toEqual([]);
    expect(problems({ COOKIE_SAMESITE: "None" })).toEqual(["COOKIE_SAMESITE must be lax, strict or none"]);
  });

  it("refuse a COOKIE_DOMAIN that is not a host name", () => {
    for (const domain of ["https://example.com", "example.com:443", "example.com/", "*.example.com", "exa mple.com"]) {
      expect(problems({ COOKIE_DOMAIN: domain }), domain).toEqual([
        expect.stringMatching(/^COOKIE_DOMAIN must be a host name/),
      ]);
    }
  });

  it("refuse a * anywhere but as the first label before at least two more, naming each bad entry", () => {
    for (const origin of [
      "*",
      "https://*",
      "https://*.com",
      "https://*.com:8443",
      "https://a*.example.com",
      "https://*example.com",
      "https://app.*.example.com",
      "https://*.*.example.com",
      "https://*.example.*",
      "*.example.com",
      "https://*.example.com/",
      "https://*.example.com/path",
      "ftp://*.example.com",
    ]) {
      const found = problems({ CORS_ORIGINS: `https://ok.example.org,${origin}` });
      expect(found, origin).toHaveLength(1);
      expect(found[0], origin).toBe(
        `CORS_ORIGINS has "${origin}": a * may only stand for the subdomains of a name of at least two labels, as in https://*.example.com (not *, https://*, https://a*.example.com or https://*.com)`,
      );
    }
    const several = problems({ CORS_ORIGINS: "https://*, https://app.example.com/path, https://*.example.com" });
    expect(several).toEqual([
      expect.stringMatching(/^CORS_ORIGINS has "https:\/\/\*": a \* may only/),
      expect.stringMatching(/^CORS_ORIGINS has "https:\/\/app.example.com\/path": list origins such as/),
    ]);
  });

  it("refuse header lists with a * or an empty list of allowed headers", () => {
    expect(problems({ CORS_ALLOW_HEADERS: "content-type, *" })).toEqual([
      expect.stringMatching(/^CORS_ALLOW_HEADERS has "\*": list header names one by one/),
    ]);
    expect(problems({ CORS_EXPOSE_HEADERS: "*" })).toEqual([expect.stringMatching(/^CORS_EXPOSE_HEADERS has "\*"/)]);
    expect(problems({ CORS_ALLOW_HEADERS: " , " })).toEqual([expect.stringMatching(/^CORS_ALLOW_HEADERS is empty/)]);
    expect(problems({ CORS_EXPOSE_HEADERS: "x-request-id, bad header" })).toEqual([
      expect.stringMatching(/^CORS_EXPOSE_HEADERS has "bad header"/),
    ]);
  });
});

describe("the session cookie's attributes", () => {
  const settings = {
    cookieName: "__Secure-para_session",
    cookieSameSite: "strict",
    cookieDomain: "example.com",
  } as const;

  it("are the same for setting and clearing", () => {
    const set = sessionCookieHeader(settings, "tok", 600.7, true);
    expect(set).toBe(
      "__Secure-para_session=tok; Max-Age=600; Domain=example.com; Path=/; HttpOnly; Secure; SameSite=Strict",
    );
    expect(clearedSessionCookieHeader(settings, true)).toBe(
      "__Secure-para_session=; Max-Age=0; Domain=example.com; Path=/; HttpOnly; Secure; SameSite=Strict",
    );
    const hostOnly = { cookieName: "para_session", cookieSameSite: "lax", cookieDomain: undefined } as const;
    expect(clearedSessionCookieHeader(hostOnly, false)).toBe(
      "para_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
    );
  });
});

describe("a gateway for frontends on other sites (COOKIE_SAMESITE=none, COOKIE_DOMAIN, a pattern origin)", () => {
  const stack = useStack({
    CORS_ORIGINS: "https://*.frontend.example",
    COOKIE_SAMESITE: "none",
    COOKIE_DOMAIN: "gateway.example",
  });
  const preflight = (origin: string, requestHeaders: string) =>
    fetch(stack.gateway.url, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": requestHeaders,
      },
    });

  it("allows a preflight from an origin the pattern matches, with Apollo's and the tracing headers", async () => {
    const res = await preflight("https://app.eu.frontend.example", "apollographql-client-name, sentry-trace, baggage");
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.eu.frontend.example");
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
    const allowedHeaders = (res.headers.get("access-control-allow-headers") ?? "").split(/\s*,\s*/);
    expect(allowedHeaders).toEqual(expect.arrayContaining(["apollographql-client-name", "sentry-trace", "baggage"]));
    expect(allowedHeaders).toEqual(DEFAULT_CORS_ALLOW_HEADERS);
    expect(res.headers.get("vary") ?? "").toMatch(/Origin/);
  });

  it("lets the page read x-request-id and x-trace-id", async () => {
    const res = await graphql(stack.gateway.url, "{ __typename }", {}, { origin: "https://app.frontend.example" });
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.frontend.example");
    expect(res.headers.get("access-control-expose-headers")).toBe("x-request-id, x-trace-id");
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });

  it("gives an origin the pattern does not match no CORS headers at all", async () => {
    for (const origin of [
      "https://frontend.example",
      "https://frontend.example.evil.test",
      "http://app.frontend.example",
      "https://evil.test",
    ]) {
      const pre = await preflight(origin, "content-type");
      const res = await graphql(stack.gateway.url, "{ __typename }", {}, { origin });
      for (const r of [pre, res]) {
        const cors = [...r.headers.keys()].filter((k) => k.startsWith("access-control-"));
        expect(cors, origin).toEqual([]);
      }
    }
  });

  it("sets and clears the cookie as __Secure-, SameSite=None; Secure, with the Domain", async () => {
    const { session } = await stack.admin.createSession((await stack.admin.createUser()).userId);
    const res = await graphql<{ importSession: { sessionToken: string } }>(stack.gateway.url, IMPORT, { session });
    const token = res.data?.importSession.sessionToken as string;
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(new RegExp(`^__Secure-para_session=${token}; Max-Age=\\d+; Domain=gateway.example; `));
    expect(setCookie).toMatch(/; Path=\/; HttpOnly; Secure; SameSite=None$/);

    const cookie = { cookie: `__Secure-para_session=${token}` };
    const read = await graphql<{ session: { active: boolean } }>(stack.gateway.url, SESSION, {}, cookie);
    expect(read.data?.session.active).toBe(true);
    const ended = await graphql(stack.gateway.url, END_SESSION, {}, cookie);
    expect(ended.data).toEqual({ endSession: { ended: true } });
    expect(ended.headers.get("set-cookie")).toBe(
      "__Secure-para_session=; Max-Age=0; Domain=gateway.example; Path=/; HttpOnly; Secure; SameSite=None",
    );
  });
});
