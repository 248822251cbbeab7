import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

/**
 * Everything the gateways say during the whole suite (every GraphQL response the tests receive, every
 * log line) is collected here, with the secrets the tests know of, so that the run can be checked for
 * leaks at its end (test/support/global-setup.ts) and by test/hardening/secrets.test.ts.
 */
const DIR = "test-results/leak-watch";

function append(kind: "responses" | "logs" | "log-secrets" | "secrets", text: string): void {
  mkdirSync(DIR, { recursive: true });
  appendFileSync(join(DIR, `${process.pid}.${kind}`), text.endsWith("\n") ? text : `${text}\n`);
}

export const recordResponse = (body: string) => append("responses", body);
export const recordLog = (text: string) => append("logs", text);
/** A value that must never appear in a response or a log (keys, passwords). */
export const registerSecret = (value: string) => append("secrets", value);

/** The secrets in a gateway's environment, in each encoding an encryption key may take. */
export function registerEnvironmentSecrets(env: Record<string, string | undefined>): void {
  const keys = [env.SESSION_ENCRYPTION_KEY, ...(env.SESSION_ENCRYPTION_OLD_KEYS ?? "").split(",")].filter(Boolean);
  for (const key of keys as string[]) {
    const bytes = Buffer.from(key, /^[0-9a-fA-F]{64}$/.test(key) ? "hex" : "base64");
    for (const form of [key, bytes.toString("hex"), bytes.toString("base64")]) registerSecret(form);
  }
  if (env.PARA_SECRET_API_KEY) registerSecret(env.PARA_SECRET_API_KEY);
  const password = /^rediss?:\/\/[^:]*:([^@]+)@/.exec(env.SESSION_STORE ?? "")?.[1];
  if (password) registerSecret(password);
}
/** A value a response may carry but no log may (session handles). */
export const registerLogSecret = (value: string) => append("log-secrets", value);

/** What may never be said: session cookies, session blobs (base64 of `{"authInfo":`), signer data. */
const FORBIDDEN: [string, RegExp][] = [
  ["a Para session cookie", /capsule\.sid/],
  ["a serialized session", /eyJhdXRoSW5mbyI6/],
  ["signer (key share) data", /"signer"/],
];

const read = (kind: string) =>
  existsSync(DIR)
    ? readdirSync(DIR)
        .filter((f) => f.endsWith(`.${kind}`))
        .map((f) => readFileSync(join(DIR, f), "utf8"))
        .join("\n")
    : "";

export interface Leak {
  what: string;
  where: "responses" | "logs";
  sample: string;
}

export function findLeaks(texts: { responses: string; logs: string }, secrets: string[], logSecrets: string[]): Leak[] {
  const leaks: Leak[] = [];
  for (const where of ["responses", "logs"] as const) {
    const text = texts[where];
    const checks: [string, (t: string) => number][] = [
      ...FORBIDDEN.map(([what, re]): [string, (t: string) => number] => [what, (t) => t.search(re)]),
      ...[...secrets, ...(where === "logs" ? logSecrets : [])]
        .filter((s) => s.length >= 8)
        .map((s): [string, (t: string) => number] => [`a secret (${s.slice(0, 4)}…)`, (t) => t.indexOf(s)]),
    ];
    for (const [what, find] of checks) {
      const at = find(text);
      if (at >= 0) leaks.push({ what, where, sample: text.slice(Math.max(0, at - 80), at + 80) });
    }
  }
  return leaks;
}

/** The whole suite's collected output, checked. */
export function suiteLeaks(): Leak[] {
  const lines = (kind: string) => read(kind).split("\n").filter(Boolean);
  return findLeaks({ responses: read("responses"), logs: read("logs") }, lines("secrets"), lines("log-secrets"));
}

export function resetLeakWatch(): void {
  rmSync(DIR, { recursive: true, force: true });
}
