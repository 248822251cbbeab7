import { execFileSync } from "node:child_process";
import { createHash, X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer as createHttpsServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EmulatorAdmin } from "../../src/emulator/admin-client.js";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { frontendPages, launchChromium, launchChromiumProfile } from "../support/browser.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { skipUnless } from "../support/prerequisites.js";

/**
 * Browser deployments over HTTPS, as in production: the gateway at gw.example.test, a frontend on
 * another site (app.frontend.test) and one on the gateway's own site (app.example.test), and an
 * unlisted site (other.test). Chromium resolves every name to 127.0.0.1 and trusts the test's
 * self-signed certificate; the gateway speaks HTTP behind a TLS-terminating proxy, as behind a load
 * balancer. The user's browser is an everyday window (third-party cookies allowed, Google Chrome's
 * default), or an incognito one (third-party cookies blocked, as in Safari, Brave, or any browser whose
 * user blocks them).
 */
const NAMES = ["gw.example.test", "app.frontend.test", "app.example.test", "other.test"];

interface Tls {
  key: Buffer;
  cert: Buffer;
  /** The SHA-256 of the certificate's public key, base64: what chromium is told to trust. */
  spki: string;
}

function makeCertificate(dir: string): Tls {
  const keyFile = join(dir, "tls.key");
  const certFile = join(dir, "tls.crt");
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=gw.example.test"],
      ...["-addext", `subjectAltName=${NAMES.map((n) => `DNS:${n}`).join(",")}`, "-keyout", keyFile, "-out", certFile],
    ],
    { stdio: "ignore" },
  );
  const cert = readFileSync(certFile);
  const der = new X509Certificate(cert).publicKey.export({ type: "spki", format: "der" });
  return { key: readFileSync(keyFile), cert, spki: createHash("sha256").update(der).digest("base64") };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** The frontends' pages: one HTTPS server answering for every name (the page's origin is the name asked). */
function startPages(tls: Tls, gatewayUrl: () => string): Server {
  return createHttpsServer(tls, frontendPages(gatewayUrl));
}

/** TLS in front of a gateway process, forwarding with X-Forwarded-Proto/-For as a load balancer does. */
function startTlsProxy(tls: Tls, gatewayUrl: string): Server {
  const target = new URL(gatewayUrl);
  return createHttpsServer(tls, (req, res) => {
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: {
          ...req.headers,
          "x-forwarded-proto": "https",
          "x-forwarded-for": req.socket.remoteAddress ?? "",
        },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
}

interface Deployment {
  gateway: GatewayProcess;
  proxy: Server;
  /** The gateway's public URL: https://gw.example.test:<port>/graphql. */
  url: string;
}

describe.skipIf(skipUnless("chromium"))("browser frontends on other sites, over HTTPS", () => {
  let dir: string;
  let tls: Tls;
  let emulator: Emulator;
  /** An everyday window's profile (third-party cookies allowed), and a browser for incognito ones. */
  let profile: BrowserContext;
  let closeProfile: (() => Promise<void>) | undefined;
  let browser: Browser;
  let pages: Server;
  let pagePort: number;
  /** Which gateway the form page posts to. */
  let formTarget = "";
  let lax: Deployment;
  let none: Deployment;

  const origin = (name: string) => `https://${name}:${pagePort}`;

  async function deploy(env: Record<string, string>): Promise<Deployment> {
    const gateway = await startGatewayProcess({
      // Frontends on any subdomain of both sites; other.test is not listed.
      CORS_ORIGINS: `https://*.frontend.test:${pagePort},https://*.example.test:${pagePort}`,
      TRUST_PROXY: "1",
      ...env,
    });
    const proxy = startTlsProxy(tls, gateway.url);
    const port = await listen(proxy);
    return { gateway, proxy, url: `https://gw.example.test:${port}/graphql` };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "gateway-cross-site-"));
    tls = makeCertificate(dir);
    emulator = await startEmulator();
    pages = startPages(tls, () => formTarget);
    pagePort = await listen(pages);
    [lax, none] = await Promise.all([deploy({}), deploy({ COOKIE_SAMESITE: "none" })]);
    const args = [
      `--host-resolver-rules=${NAMES.map((n) => `MAP ${n} 127.0.0.1`).join(",")}`,
      `--ignore-certificate-errors-spki-list=${tls.spki}`,
    ];
    let everyday: Awaited<ReturnType<typeof launchChromiumProfile>>;
    [everyday, browser] = await Promise.all([launchChromiumProfile(args), launchChromium(args)]);
    profile = everyday.context;
    closeProfile = everyday.close;
  });
  afterEach(async () => {
    for (const page of profile.pages()) await page.close();
    await profile.clearCookies();
  });
  afterAll(async () => {
    await closeProfile?.();
    await browser?.close();
    for (const server of [pages, lax?.proxy, none?.proxy]) {
      server?.close();
      server?.closeAllConnections();
    }
    await Promise.all([lax?.gateway.stop(), none?.gateway.stop()]);
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A page on `name`, in the everyday profile (whose cookies each test starts without) or in `context`. */
  async function pageOn(name: string, context: BrowserContext = profile): Promise<Page> {
    const page = await context.newPage();
    await page.goto(origin(name));
    return page;
  }

  const newSession = async () => {
    const admin = new EmulatorAdmin(emulator.url);
    return (await admin.createSession((await admin.createUser()).userId)).session;
  };

  /**
   * What the page's own script sees: it imports the session with credentials: "include" (never asking for
   * the handle: there is no bearer token on the page), then asks for the session with the cookie alone.
   */
  type Flow = { imported: unknown; session: unknown; requestId: string | null };
  const importThenRead = async (page: Page, url: string): Promise<Flow> =>
    page.evaluate(
      async ({ url, session }) => {
        const post = (query: string, variables: Record<string, unknown> = {}) =>
          fetch(url, {
            method: "POST",
            credentials: "include",
            // Apollo's header: allowed by the default CORS_ALLOW_HEADERS.
            headers: { "content-type": "application/json", "apollographql-client-name": "cross-site-test" },
            body: JSON.stringify({ query, variables }),
          });
        const imported = await (
          await post("mutation I($session: String!) { importSession(session: $session) { session { active } } }", {
            session,
          })
        ).json();
        const read = await post("{ session { active } }");
        return { imported, session: await read.json(), requestId: read.headers.get("x-request-id") };
      },
      { url, session: await newSession() },
    );

  const readFrom = (page: Page, url: string) =>
    page.evaluate(
      (url) =>
        fetch(url, {
          method: "POST",
          credentials: "include",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: "{ session { active } }" }),
        }).then(
          (r) => r.json(),
          (e: Error) => `blocked: ${e.message}`,
        ),
      url,
    );

  const IMPORTED = { data: { importSession: { session: { active: true } } } };
  const ACTIVE = { data: { session: { active: true } } };
  const NO_SESSION = { data: { session: null } };

  it("with COOKIE_SAMESITE=none, a page on another site imports a session and then uses it by its cookie alone", async () => {
    const flow = await importThenRead(await pageOn("app.frontend.test"), none.url);
    expect(flow.imported).toEqual(IMPORTED);
    expect(flow.session).toEqual(ACTIVE);
    // Readable by the page's script through Access-Control-Expose-Headers.
    expect(flow.requestId).toMatch(/\S/);
    expect(await profile.cookies(none.url)).toEqual([
      expect.objectContaining({
        name: "__Host-para_session",
        domain: "gw.example.test",
        path: "/",
        secure: true,
        httpOnly: true,
        sameSite: "None",
      }),
    ]);
  });

  it("with the default (Lax), the same flow reads session: null: a cross-site call gets no Lax cookie", async () => {
    const flow = await importThenRead(await pageOn("app.frontend.test"), lax.url);
    expect(flow.imported).toEqual(IMPORTED);
    expect(flow.session).toEqual(NO_SESSION);
    // Chromium does not even keep a Lax cookie set by a cross-site answer.
    expect(await profile.cookies(lax.url)).toEqual([]);
  });

  it("with the default (Lax), a page on the gateway's own site uses the cookie, even in an incognito window", async () => {
    expect((await importThenRead(await pageOn("app.example.test"), lax.url)).session).toEqual(ACTIVE);
    const incognito = await browser.newContext();
    try {
      expect((await importThenRead(await pageOn("app.example.test", incognito), lax.url)).session).toEqual(ACTIVE);
    } finally {
      await incognito.close();
    }
  });

  it("with COOKIE_SAMESITE=none, a window that blocks third-party cookies (incognito) still reads session: null", async () => {
    const incognito = await browser.newContext();
    try {
      const flow = await importThenRead(await pageOn("app.frontend.test", incognito), none.url);
      expect(flow.imported).toEqual(IMPORTED);
      expect(flow.session).toEqual(NO_SESSION);
    } finally {
      await incognito.close();
    }
  });

  it("with COOKIE_SAMESITE=none, an unlisted site can neither read answers nor post a form with the user's cookie", async () => {
    const frontend = await pageOn("app.frontend.test");
    expect((await importThenRead(frontend, none.url)).session).toEqual(ACTIVE);
    // The same browser (the same cookie jar) visits an unlisted site.
    const evil = await pageOn("other.test");
    expect(await readFrom(evil, none.url)).toMatch(/^blocked: /);

    formTarget = none.url;
    const answer = evil.waitForResponse((r) => r.url() === none.url);
    await evil.goto(`${origin("other.test")}/form`);
    const response = await answer;
    // The form carried the cookie (SameSite=None), and CSRF prevention refused it: the session lives on.
    expect((await response.request().allHeaders()).cookie ?? "").toMatch(/__Host-para_session=/);
    expect(response.status()).toBe(403);
    expect(await readFrom(frontend, none.url)).toEqual(ACTIVE);
  });
});
