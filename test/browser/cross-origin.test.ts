import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorAdmin } from "../../src/emulator/admin-client.js";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { frontendPages, launchChromium } from "../support/browser.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { bearer, graphql } from "../support/graphql.js";
import { IMPORT, SESSION } from "../support/operations.js";
import { skipUnless } from "../support/prerequisites.js";

/** A page on another origin of the same site (127.0.0.1, another port): the browser sends SameSite=Lax cookies along. */
async function startOtherOrigin(gatewayUrl: () => string): Promise<{ origin: string; server: Server }> {
  const server = createServer(frontendPages(gatewayUrl));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe.skipIf(skipUnless("chromium"))("a browser frontend on another origin", () => {
  let emulator: Emulator;
  let gateway: GatewayProcess;
  let browser: Browser;
  let allowed: { origin: string; server: Server };
  let other: { origin: string; server: Server };

  beforeAll(async () => {
    emulator = await startEmulator();
    browser = await launchChromium();
    allowed = await startOtherOrigin(() => gateway.url);
    other = await startOtherOrigin(() => gateway.url);
    gateway = await startGatewayProcess({ CORS_ORIGINS: allowed.origin });
  });
  afterAll(async () => {
    await browser?.close();
    allowed?.server.close();
    other?.server.close();
    await gateway?.stop();
    await emulator?.close();
  });

  async function victim(): Promise<{ token: string; context: BrowserContext }> {
    const admin = new EmulatorAdmin(emulator.url);
    const { session } = await admin.createSession((await admin.createUser()).userId);
    const res = await graphql<{ importSession: { sessionToken: string } }>(gateway.url, IMPORT, { session });
    const token = res.data?.importSession.sessionToken as string;
    const context = await browser.newContext();
    // Production's cookie: __Host-, so Secure with Path=/ and no Domain attribute.
    const { hostname } = new URL(gateway.url);
    await context.addCookies([
      { name: "__Host-para_session", value: token, domain: hostname, path: "/", secure: true },
    ]);
    return { token, context };
  }

  const fetchFromPage = (url: string) => `
    fetch(${JSON.stringify(url)}, {
      method: "POST", credentials: "include",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ session { active } }" }),
    }).then((r) => r.json()).then((b) => JSON.stringify(b), (e) => "blocked: " + e.message)`;

  it("lets a listed origin call with the user's cookie", async () => {
    const { context } = await victim();
    const page = await context.newPage();
    await page.goto(allowed.origin);
    expect(await page.evaluate(fetchFromPage(gateway.url))).toBe(
      JSON.stringify({ data: { session: { active: true } } }),
    );
    await context.close();
  });

  it("gives an unlisted origin no access to the answer", async () => {
    const { context } = await victim();
    const page = await context.newPage();
    await page.goto(other.origin);
    expect(await page.evaluate(fetchFromPage(gateway.url))).toMatch(/^blocked: /);
    await context.close();
  });

  it("refuses a cross-site form post that carries the victim's cookie", async () => {
    const { token, context } = await victim();
    const page = await context.newPage();
    const answer = page.waitForResponse((r) => r.url() === gateway.url);
    await page.goto(`${other.origin}/form`);
    const response = await answer;
    expect(response.status()).toBe(403);
    const still = await graphql<{ session: { active: boolean } }>(gateway.url, SESSION, {}, bearer(token));
    expect(still.data?.session.active).toBe(true);
    await context.close();
  });
});
