// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's innerText is the text a person sees rendered on the page
import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorAdmin } from "../../src/emulator/admin-client.js";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { launchChromium } from "../support/browser.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { bearer, graphql } from "../support/graphql.js";
import { metric } from "../support/metrics.js";
import { IMPORT, KEEP_ALIVE } from "../support/operations.js";
import { skipUnless } from "../support/prerequisites.js";

describe.skipIf(skipUnless("chromium"))("GraphiQL in a real browser", () => {
  let emulator: Emulator;
  let gateway: GatewayProcess;
  let browser: Browser;

  beforeAll(async () => {
    emulator = await startEmulator();
    // GraphiQL needs introspection, which production turns off by default.
    gateway = await startGatewayProcess({ INTROSPECTION: "on" });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await emulator?.close();
  });

  /** A user with an imported session, and a browser context that carries its cookie. */
  async function signedIn(email: string) {
    const admin = new EmulatorAdmin(emulator.url);
    const user = await admin.createUser({ email, walletTypes: ["EVM"] });
    const { session } = await admin.createSession(user.userId);
    const imported = await graphql<{ importSession: { sessionToken: string } }>(gateway.url, IMPORT, { session });
    const token = imported.data?.importSession.sessionToken as string;
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    // Production's cookie: __Host-, so Secure with Path=/ and no Domain attribute.
    const { hostname } = new URL(gateway.url);
    await context.addCookies([
      { name: "__Host-para_session", value: token, domain: hostname, path: "/", secure: true },
    ]);
    return { user, token, context };
  }

  it("runs the default tab's operation with the session cookie and shows the result", async () => {
    const { user, context } = await signedIn("graphiql@example.com");
    const page = await context.newPage();
    await page.goto(gateway.url);
    await page.locator(".graphiql-query-editor").waitFor();
    await expect.poll(() => page.locator(".graphiql-query-editor").innerText()).toContain("CurrentSession");

    await page.locator(".graphiql-execute-button").click();
    const result = page.locator(".graphiql-response");
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain("graphiql@example.com");
    expect(await result.innerText()).toContain(user.wallets[0]?.address);
    expect(await result.innerText()).toMatch(/"active":\s*true/);

    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/graphiql.png" });
    await context.close();
  });

  it("shows 0x as typed: no font ligatures in the editors (Fira Code's would draw 0×)", async () => {
    const { context } = await signedIn("graphiql-ligatures@example.com");
    const page = await context.newPage();
    await page.goto(gateway.url);
    await page.locator(".graphiql-execute-button").click();
    const result = page.locator(".graphiql-response");
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain("0x");
    for (const editor of [".graphiql-query-editor", ".graphiql-response"]) {
      const style = await page.evaluate((selector) => {
        const { fontFamily, fontFeatureSettings, fontVariantLigatures } = getComputedStyle(
          document.querySelector(`${selector} .view-line`) as Element,
        );
        return { fontFamily, fontFeatureSettings, fontVariantLigatures };
      }, editor);
      expect(style, editor).toEqual({
        fontFamily: expect.stringContaining("Fira Code"),
        fontFeatureSettings: '"calt" 0, "liga" 0',
        fontVariantLigatures: "none",
      });
    }
    await context.close();
  });

  it("keeps the query as edited across reloads, in the one tab, and runs it", async () => {
    const { context } = await signedIn("graphiql-reload@example.com");
    const page = await context.newPage();
    const editor = page.locator(".graphiql-query-editor");
    await page.goto(gateway.url);
    await expect.poll(() => editor.innerText()).toContain("CurrentSession");
    // GraphiQL 5 used to open an empty tab on a reload when no editor had been touched yet.
    await page.reload();
    await expect.poll(() => editor.innerText()).toContain("CurrentSession");

    await editor.locator(".view-lines").click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.insertText("query Edited { session { identifier active } }");
    // GraphiQL stores its tabs half a second after an edit; a person does not reload sooner either.
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem("graphiql:tabState")), { timeout: 5_000 })
      .toContain("Edited");
    await page.reload();
    await expect.poll(() => editor.innerText()).toMatch(/query\sEdited/);
    // And from the bare address too, without the query Yoga's GraphiQL mirrors into the URL on each edit.
    await page.goto(gateway.url);
    await expect.poll(() => editor.innerText()).toMatch(/query\sEdited/);
    expect(await editor.innerText()).not.toContain("CurrentSession");
    expect(await page.locator(".graphiql-tab").count()).toBe(1);

    await page.locator(".graphiql-execute-button").click();
    const result = page.locator(".graphiql-response");
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain("graphiql-reload@example.com");
    expect(await result.innerText()).not.toContain("userId");
    await context.close();
  });

  it("runs the sessionEvents subscription and shows an event as it happens", async () => {
    const { token, context } = await signedIn("graphiql-events@example.com");
    const page = await context.newPage();
    const subscription = "subscription Events { sessionEvents { type expiresAt } }";
    await page.goto(`${gateway.url}?query=${encodeURIComponent(subscription)}`);
    await expect.poll(() => page.locator(".graphiql-query-editor").innerText()).toContain("sessionEvents");
    await page.locator(".graphiql-execute-button").click();
    // Once GraphiQL's stream is open, the session is extended from elsewhere: the event shows up.
    await expect.poll(() => metric(gateway.url, "para_gateway_event_streams"), { timeout: 15_000 }).toBe(1);
    await graphql(gateway.url, KEEP_ALIVE, {}, bearer(token));
    const result = page.locator(".graphiql-response");
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain("EXTENDED");
    await page.screenshot({ path: "test-results/graphiql-subscription.png" });
    await context.close();
  });
});
