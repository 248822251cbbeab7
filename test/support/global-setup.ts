import { resetLeakWatch, suiteLeaks } from "./leak-watch.js";
import { prerequisites } from "./prerequisites.js";

/** Says loudly, before and after the run, which suites could not run on this machine and why. */
function banner(): string | undefined {
  const missing = prerequisites.filter((p) => !p.available);
  if (missing.length === 0) return undefined;
  const lines = missing.map((p) => `  ✗ ${p.name} not found: NOT RUN ${p.suites}\n      install: ${p.install}`);
  return `\n${"!".repeat(78)}\n${lines.join("\n")}\n${"!".repeat(78)}\n`;
}

export default function setup() {
  const message = banner();
  if (message && process.env.CI) throw new Error(`CI must run every suite:${message}`);
  if (message) process.stderr.write(message);
  resetLeakWatch();
  return () => {
    if (message) process.stderr.write(message);
    // Every response and log line of the whole run: no secret, cookie, session or key share in any.
    const leaks = suiteLeaks();
    if (leaks.length > 0) {
      const lines = leaks.map((l) => `  ${l.what} in ${l.where}: …${l.sample}…`);
      throw new Error(`Secrets leaked during the test run:\n${lines.join("\n")}`);
    }
  };
}
