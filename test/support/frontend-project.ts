import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { promisify } from "node:util";

/**
 * A frontend in a project of its own, as a team outside the repo sets one up: the client package from
 * `npm pack`, installed from npm's cache, and its manifest registered with the gateway.
 */
const exec = promisify(execFile);

/** What this project installs, by name: a frontend that asks for these versions finds them in npm's cache. */
export const rootVersions: Record<string, string> = (() => {
  const root = JSON.parse(readFileSync("package.json", "utf8")) as Record<string, Record<string, string>>;
  return { ...root.dependencies, ...root.devDependencies };
})();

/** Packs packages/client (built by `npm test`'s pretest) into `destination`; gives the tarball's file name. */
export async function packClient(destination: string): Promise<string> {
  mkdirSync(destination, { recursive: true });
  await exec("npm", ["pack", "./packages/client", "--pack-destination", destination], { timeout: 60_000 });
  return readdirSync(destination).find(
    (f) => f.startsWith("para-graphql-gateway-client-") && f.endsWith(".tgz"),
  ) as string;
}

/**
 * `npm install` in `dir`: from npm's cache where it has the package (development runs the tests without
 * a network), from the registry otherwise (a fresh machine, whose cache `npm ci` may have left without
 * the packages' metadata). No retries: without a network, each lookup of something the cache lacks
 * (an optional peer such as Vite's) fails at once instead of backing off for minutes.
 */
export async function installProject(dir: string): Promise<void> {
  await exec(
    "npm",
    ["install", "--prefer-offline", "--fetch-retries=0", "--no-audit", "--no-fund", "--loglevel=error"],
    {
      cwd: dir,
      timeout: 240_000,
    },
  );
}

/** Runs a binary of the project's own dependencies (`npx` without a download). */
export async function runInProject(
  dir: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ stdout: string; stderr: string }> {
  return exec("npx", ["--no-install", ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH, ...env },
    timeout: 180_000,
  });
}

/** Registers a Code Generator manifest with the gateway's store, as `npm run documents:add` does; gives its report. */
export async function registerManifest(manifest: string, sessionStore: string): Promise<string> {
  const { stdout } = await exec(process.execPath, ["dist/tools/documents.js", "add", manifest], {
    env: { PATH: process.env.PATH, SESSION_STORE: sessionStore },
  });
  return stdout;
}
