// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's innerText is the text a person sees rendered on the page
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser.js";
import { bearer, codes, graphql } from "../support/graphql.js";
import { getWithHost } from "../support/host-header.js";
import { registerLogSecret } from "../support/leak-watch.js";
import { skipUnless } from "../support/prerequisites.js";
import { workerEnv } from "../support/worker-host.js";

interface Dev {
  child: ChildProcess;
  url: string;
  token: string;
  /** The printed lines that make and import a new session. */
  importCommands: string;
  /** Everything it printed. */
  banner: string;
}

/** `npm run dev` as a newcomer runs it (through tsx), on a free gateway port or `port`; resolves once it printed its help. */
async function startDev(port = "0"): Promise<Dev> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/dev.ts"], {
    env: { PATH: process.env.PATH, PORT: port, ...workerEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("those that carried the old demo token get the new one")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`npm run dev exited with ${code}:\n${out}`)));
  });
  const url = /on (http:\/\/\S+\/graphql)/.exec(out)?.[1] as string;
  const token = /session token: (\S+)/.exec(out)?.[1] as string;
  registerLogSecret(token);
  const importCommands = out.slice(out.indexOf("SESSION=$(")).split("\n\n")[0] as string;
  return { child, url, token, importCommands, banner: out };
}

async function stop(dev: Dev) {
  dev.child.kill("SIGTERM");
  await once(dev.child, "exit");
}

const SESSION = "query { session { identifier active } }";

/** A POST of any body (the hash alone, for one): its parsed answer. */
async function graphqlBody(url: string, body: object, headers: Record<string, string>) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
}

describe("npm run dev across restarts", () => {
  it("serves the demo session, imports a new one with the printed commands, and starts afresh after a restart", async () => {
    const first = await startDev();
    let oldToken: string;
    try {
      const demo = await graphql<{ session: { identifier: string; active: boolean } }>(
        first.url,
        SESSION,
        {},
        bearer(first.token),
      );
      expect(demo.data?.session).toEqual({ identifier: "demo@example.com", active: true });
      // GraphiQL with the demo token, and everything else, only for loopback Host names (DNS rebinding).
      const { port } = new URL(first.url);
      expect(await getWithHost(first.url, `rebound.example:${port}`)).toBe(403);
      expect(await getWithHost(first.url, `localhost:${port}`)).toBe(200);
      const { stdout } = await promisify(execFile)("bash", ["-c", first.importCommands]);
      const imported = JSON.parse(stdout) as { data: { importSession: { sessionToken: string } } };
      oldToken = imported.data.importSession.sessionToken;
      registerLogSecret(oldToken);
      const fresh = await graphql<{ session: { active: boolean } }>(first.url, SESSION, {}, bearer(oldToken));
      expect(fresh.data?.session.active).toBe(true);

      // A frontend's dev server on this machine may call it; the banner says how to allow others.
      expect(first.banner).toMatch(/http:\/\/localhost:\*, http:\/\/127\.0\.0\.1:\*/);
      expect(first.banner).toMatch(/CORS_ORIGINS=/);
      const fromVite = await graphql(
        first.url,
        SESSION,
        {},
        { ...bearer(first.token), origin: "http://127.0.0.1:5173" },
      );
      expect(fromVite.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:5173");
      // Automatic Persisted Queries: a text sent once with its hash is then found by the hash alone.
      const apq = { version: 1, sha256Hash: createHash("sha256").update(SESSION).digest("hex") };
      const byHash = () => graphqlBody(first.url, { extensions: { persistedQuery: apq } }, bearer(first.token));
      expect((await byHash()).errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
      await graphqlBody(first.url, { query: SESSION, extensions: { persistedQuery: apq } }, bearer(first.token));
      expect((await byHash()).data).toEqual(demo.data);
    } finally {
      await stop(first);
    }

    const second = await startDev();
    try {
      // The emulator and the dev store started afresh together: the new demo session works, an old
      // handle is plainly unknown (never a stored session whose Para session is gone).
      const demo = await graphql<{ session: { active: boolean } }>(second.url, SESSION, {}, bearer(second.token));
      expect(demo.data?.session.active).toBe(true);
      expect(codes(await graphql(second.url, SESSION, {}, bearer(oldToken)))).toEqual(["UNAUTHENTICATED"]);
    } finally {
      await stop(second);
    }
  }, 60_000);
});

describe.skipIf(skipUnless("chromium"))("GraphiQL across npm run dev restarts", () => {
  it("runs the query edited in GraphiQL again after a restart, as the new demo session", async () => {
    const browser = await launchChromium();
    let dev = await startDev();
    try {
      const page = await browser.newPage();
      const editor = page.locator(".graphiql-query-editor");
      const result = page.locator(".graphiql-response");
      await page.goto(dev.url);
      await expect.poll(() => editor.innerText()).toContain("CurrentSession");
      await editor.locator(".view-lines").click();
      await page.keyboard.press("ControlOrMeta+A");
      await page.keyboard.insertText("query Mine { session { identifier active } }");
      // GraphiQL takes in an edit a moment later: its operation name, then (after half a second) its stored tabs.
      await expect.poll(() => page.evaluate(() => localStorage.getItem("graphiql:tabState"))).toContain("Mine");
      await page.locator(".graphiql-execute-button").click();
      await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain("demo@example.com");

      // GraphiQL's storage belongs to its origin: the restarted gateway listens on the same port.
      const port = new URL(dev.url).port;
      await stop(dev);
      dev = await startDev(port);
      await page.reload();
      await expect.poll(() => editor.innerText()).toMatch(/query\sMine/);
      // The saved tab itself, not a copy GraphiQL opened beside it with the new default headers.
      expect(await page.locator(".graphiql-tab").count()).toBe(1);
      await page.locator(".graphiql-execute-button").click();
      // The tab's stored header now carries the new demo token: the old one is unknown to the new gateway.
      await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain("demo@example.com");
      expect(await result.innerText()).toMatch(/"active":\s*true/);
      const tabs = await page.evaluate(() => localStorage.getItem("graphiql:tabState"));
      expect(tabs).toContain(`Bearer ${dev.token}`);
    } finally {
      await stop(dev);
      await browser.close();
    }
  }, 90_000);
});
