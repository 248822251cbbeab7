import { cpSync, readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page, Request } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SESSION_LENGTH_SECONDS } from "../../src/emulator/model.js";
import { launchChromium } from "../support/browser.js";
import {
  installProject,
  packClient,
  registerManifest,
  rootVersions,
  runInProject,
} from "../support/frontend-project.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { skipUnless } from "../support/prerequisites.js";
import { useEmulator, useTempDir } from "../support/stack.js";
import { serveStaticFiles } from "../support/static-files.js";

// examples/react-app as its README builds it: installed in a folder of its own from the packed client
// package, its own operation generated and registered, built with Vite, served from an origin of its
// own, against a production-mode gateway (trusted documents only) and the emulator, in Chromium.
const EXAMPLE = "examples/react-app";
const emulator = useEmulator();
const dir = useTempDir("gateway-example-app-");
/** How long the page may take to show what it is told (a request or an event away). */
const SHOWS = { timeout: 15_000 };

/** A trusted-document id as the manifest writes it or a request sends it (with or without its "sha256:"). */
const bare = (id: string) => id.replace(/^sha256:/, "");

/** Trusted-document ids by operation name, from a Code Generator manifest. */
function idsByName(manifest: string): Record<string, string> {
  const documents = JSON.parse(readFileSync(manifest, "utf8")) as Record<string, string>;
  return Object.fromEntries(
    Object.entries(documents).map(([id, text]) => [/(?:query|mutation|subscription) (\w+)/.exec(text)?.[1], bare(id)]),
  );
}

describe.skipIf(skipUnless("chromium"))("the example React app", { timeout: 60_000 }, () => {
  let gateway: GatewayProcess;
  let site: { origin: string; close: () => Promise<void> };
  let browser: Browser;
  let ids: Record<string, string>;

  beforeAll(async () => {
    const app = dir.path("react-app");
    cpSync(EXAMPLE, app, {
      recursive: true,
      filter: (src) => !/(^|\/)(node_modules|dist|gql)$|\.tgz$|package-lock\.json$/.test(src),
    });
    await packClient(app);
    await installProject(app);
    await runInProject(app, ["graphql-codegen", "--config", "codegen.ts"]);
    await runInProject(app, ["tsc", "-p", "."]);
    const store = `sqlite:${dir.path("gateway.db")}`;
    expect(await registerManifest(`${app}/gql/persisted-documents.json`, store)).toMatch(/1 documents, 1 new/);
    ids = {
      ...idsByName("packages/client/persisted-documents.json"),
      ...idsByName(`${app}/gql/persisted-documents.json`),
    };

    site = await serveStaticFiles(`${app}/dist`);
    gateway = await startGatewayProcess({
      PERSISTED_OPERATIONS: "only",
      VERIFY_ACCESS: "key",
      RATE_LIMITS: undefined,
      SESSION_STORE: store,
      CORS_ORIGINS: site.origin,
    });
    // The gateway's address is known only now; the page takes it at build time, as an app's deploy would.
    await runInProject(app, ["vite", "build"], { VITE_GATEWAY_URL: gateway.url });
    browser = await launchChromium();
  }, 480_000);
  // Each test leaves Para as it found it: the default session length, no fault.
  afterEach(() =>
    emulator.admin.configure({ sessionLengthSeconds: DEFAULT_SESSION_LENGTH_SECONDS, fault: { mode: "none" } }),
  );
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await gateway?.stop();
  });

  it("asks for the versions this project installs, so it builds from npm's cache", () => {
    const example = JSON.parse(readFileSync(`${EXAMPLE}/package.json`, "utf8")) as Record<
      string,
      Record<string, string>
    >;
    for (const [name, version] of Object.entries({ ...example.dependencies, ...example.devDependencies }))
      if (name !== "para-graphql-gateway-client") expect([name, version]).toEqual([name, rootVersions[name]]);
  });

  /** A user with a live Para session, exported as the Para client SDK would hand it over. */
  async function exportedSession(email: string): Promise<string> {
    const user = await emulator.admin.createUser({ email });
    return (await emulator.admin.createSession(user.userId)).session;
  }

  async function open(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    await page.goto(site.origin);
    await expect.poll(() => status(page), SHOWS).toBe("signed-out");
    return page;
  }

  /** What the page shows now (null where it shows nothing), for expect.poll to ask again. */
  const shown = (page: Page, selector: string) =>
    page.evaluate<string | null>(`document.querySelector(${JSON.stringify(selector)})?.textContent ?? null`);
  const status = (page: Page) => shown(page, "#status");
  const user = (page: Page) => shown(page, "#user");
  const expiry = async (page: Page) => (await user(page))?.split(", until ")[1] ?? null;

  async function signIn(page: Page, email: string): Promise<void> {
    await page.getByLabel("Exported session").fill(await exportedSession(email));
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => user(page), SHOWS).toContain(email);
  }

  const isEventStream = (request: Request) => request.postData()?.includes(ids.SessionEvents as string) ?? false;

  /**
   * The page's requests to the gateway, by trusted-document id (the session client's `documentId`, or
   * Apollo's persisted-query hash) as they are sent; the event stream, long-lived, is not counted.
   */
  function gatewayRequests(page: Page): string[] {
    const calls: string[] = [];
    page.on("request", (request) => {
      const toGateway = request.url().startsWith(new URL(gateway.url).origin) && request.method() !== "OPTIONS";
      if (!toGateway || isEventStream(request)) return;
      const body = JSON.parse(request.postData() ?? "{}") as {
        documentId?: string;
        extensions?: { persistedQuery?: { sha256Hash?: string } };
      };
      calls.push(bare(body.documentId ?? body.extensions?.persistedQuery?.sha256Hash ?? request.url()));
    });
    return calls;
  }

  it("signs in with an exported session and shows the user, through the app's own trusted operation", async () => {
    const context = await browser.newContext();
    const page = await open(context);
    const requests = gatewayRequests(page);
    await signIn(page, "ada@example.com");
    expect(await status(page)).toBe("active");
    expect(requests).toEqual([ids.ImportSession, ids.Profile]);
    await context.close();
  });

  it("moves the shown expiry on a keep-alive through the EXTENDED event, in both tabs, without a refetch", async () => {
    const context = await browser.newContext();
    const first = await open(context);
    await signIn(first, "grace@example.com");
    const second = await context.newPage();
    const stream = second.waitForResponse((response) => isEventStream(response.request()));
    await second.goto(site.origin);
    await expect.poll(() => user(second), SHOWS).toContain("grace@example.com");
    await stream;
    const before = await expiry(first);
    expect(await expiry(second)).toBe(before);

    // Para extends by its session length: a longer one makes the new expiry unmistakable.
    await emulator.admin.configure({ sessionLengthSeconds: 7200 });
    const fromFirst = gatewayRequests(first);
    const fromSecond = gatewayRequests(second);
    await first.getByRole("button", { name: "Keep alive" }).click();
    await expect.poll(() => expiry(first), SHOWS).not.toBe(before);
    await expect.poll(() => expiry(second), SHOWS).not.toBe(before);
    const after = await expiry(first);
    expect(Date.parse(after as string) - Date.parse(before as string)).toBeGreaterThan(3_600_000);
    expect(await expiry(second)).toBe(after);
    expect(fromFirst).toEqual([ids.KeepSessionAlive]);
    expect(fromSecond).toEqual([]);
    await context.close();
  });

  it("signs the first tab out when the session is ended in a second tab", async () => {
    const context = await browser.newContext();
    const first = await open(context);
    await signIn(first, "edsger@example.com");
    const second = await context.newPage();
    await second.goto(site.origin);
    await expect.poll(() => user(second), SHOWS).toContain("edsger@example.com");
    await second.getByRole("button", { name: "Sign out" }).click();
    // The first tab hears it from the second (signed-out) or from the gateway's ENDED event, whichever comes
    // first; the tab that signed out says so, whatever the others told it.
    await expect.poll(() => status(first), SHOWS).toMatch(/^(signed-out|ended)$/);
    await expect.poll(() => status(second), SHOWS).toBe("signed-out");
    expect(await first.locator("#user").count()).toBe(0);
    // Nor does a reload bring it back.
    await first.reload();
    await expect.poll(() => status(first), SHOWS).toBe("signed-out");
    await context.close();
  });

  it("shows only user B after switching from user A, in every tab", async () => {
    const context = await browser.newContext();
    const first = await open(context);
    await signIn(first, "alice@example.com");
    const second = await context.newPage();
    await second.goto(site.origin);
    await expect.poll(() => user(second), SHOWS).toContain("alice@example.com");
    await signIn(first, "bob@example.com");
    await expect.poll(() => user(second), SHOWS).toContain("bob@example.com");
    for (const page of [first, second]) {
      expect(await status(page)).toBe("active");
      expect(await page.locator("body").textContent()).not.toContain("alice@example.com");
    }
    await context.close();
  });

  it("shows a session that ran out as expired", async () => {
    await emulator.admin.configure({ sessionLengthSeconds: 2 });
    const context = await browser.newContext();
    const page = await open(context);
    await signIn(page, "barbara@example.com");
    // Nobody keeps it alive: the gateway's event stream says EXPIRED once Para does.
    await expect.poll(() => status(page), { timeout: 20_000 }).toBe("expired");
    expect(await page.locator("#user").count()).toBe(0);
    await context.close();
  });

  it("shows a Para outage as offline, keeping the user, and comes back when Para does", async () => {
    const context = await browser.newContext();
    const page = await open(context);
    await signIn(page, "margaret@example.com");
    await emulator.admin.configure({ fault: { mode: "error500", rate: 1 } });
    await page.getByRole("button", { name: "Keep alive" }).click();
    await expect.poll(() => status(page), SHOWS).toBe("offline");
    expect(await user(page)).toContain("margaret@example.com");
    await emulator.admin.configure({ fault: { mode: "none" } });
    // The gateway may hold Para off a little longer (its breaker): keep-alive until it answers.
    await expect
      .poll(
        async () => {
          await page.getByRole("button", { name: "Keep alive" }).click();
          return status(page);
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe("active");
    expect(await user(page)).toContain("margaret@example.com");
    await context.close();
  });
});
