import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { RequestListener } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium } from "playwright-core";
import { chromiumPath } from "./prerequisites.js";

/** The flags this closed network needs (no background connections), and any a test adds. */
function options(extraArgs: string[]) {
  if (!chromiumPath) throw new Error("chromium is not installed (apt-get install chromium)");
  return {
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  };
}

/**
 * Headless Debian chromium. Extra flags are for tests that need them, such as `--host-resolver-rules`
 * to give 127.0.0.1 several host names. Its `newContext()`s are incognito profiles: they block
 * third-party cookies.
 */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch(options(extraArgs));
}

/**
 * Headless Debian chromium with a regular profile (in a temporary folder, removed on close) set as
 * Google Chrome's regular windows are by default: third-party cookies blocked in incognito only
 * (Chromium's `profile.cookie_controls_mode` 2; Debian's chromium itself blocks them everywhere).
 * `close` closes the browser and removes the profile.
 */
export async function launchChromiumProfile(
  extraArgs: string[] = [],
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "gateway-chromium-profile-"));
  mkdirSync(join(dir, "Default"));
  writeFileSync(join(dir, "Default", "Preferences"), JSON.stringify({ profile: { cookie_controls_mode: 2 } }));
  const context = await chromium.launchPersistentContext(dir, options(extraArgs));
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}

/**
 * A frontend's pages: `/form` is the classic CSRF, a form that posts `endSession` to the gateway on load
 * (url-encoded, which Yoga parses, so no CORS preflight; a SameSite=None cookie goes along); any other
 * path is a plain page to run scripts from.
 */
export function frontendPages(gatewayUrl: () => string): RequestListener {
  return (req, res) => {
    res.setHeader("content-type", "text/html");
    if (req.url === "/form") {
      res.end(`<form id="f" method="POST" action="${gatewayUrl()}">
        <input name="query" value="mutation { endSession { ended } }"></form>
        <script>document.getElementById("f").submit()</script>`);
    } else {
      res.end("<p>frontend</p>");
    }
  };
}
