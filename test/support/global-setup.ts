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
  return () => {
    if (message) process.stderr.write(message);
  };
}
