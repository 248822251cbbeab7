import { type Browser, chromium } from "playwright-core";
import { chromiumPath } from "./prerequisites.js";

/** Headless Debian chromium, with the flags this closed network needs (no background connections). */
export function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error("chromium is not installed (apt-get install chromium)");
  return chromium.launch({
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
    ],
  });
}
