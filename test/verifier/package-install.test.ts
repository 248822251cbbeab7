import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_API_KEY_ID } from "../../src/emulator/model.js";
import { bearer, graphql } from "../support/graphql.js";
import { IMPORT, ISSUE_JWT } from "../support/operations.js";
import { useStack, useTempDir } from "../support/stack.js";

// The verifier package as a backend gets it: `npm pack`, then installed into a project of its own, once
// ES modules and once CommonJS, each verifying a token the gateway's issueJwt handed out.
const run = promisify(execFile);
const stack = useStack();
const dir = useTempDir("verifier-install-");
const TSC = resolve("node_modules/typescript/bin/tsc");
let tarball: string;
let token: string;

const ESM_MAIN = `import { JwtVerifier } from "para-graphql-gateway-verifier";
import { ParaAuthError, paraFetch } from "para-graphql-gateway-verifier/fetch";

const [jwksUrl, audience, token] = process.argv.slice(2);
const verifier = new JwtVerifier({ jwksUrl });
const authenticate = paraFetch({ verifier, audience });
const claims = await authenticate(new Request("http://backend/", { headers: { authorization: "Bearer " + token } }));
let refused;
try {
  await authenticate(new Request("http://backend/"));
} catch (error) {
  refused = error instanceof ParaAuthError ? error.response.headers.get("www-authenticate") : String(error);
}
console.log(JSON.stringify({ userId: claims.userId, wallets: claims.wallets.length, refused }));
verifier.close();
`;

const CJS_MAIN = `const { JwtVerifier, forAudience } = require("para-graphql-gateway-verifier");
const { paraFetch } = require("para-graphql-gateway-verifier/fetch");

const [jwksUrl, audience, token] = process.argv.slice(2);
const verifier = new JwtVerifier({ jwksUrl });
verifier.verify(token).then(async (result) => {
  const refused = forAudience(result, "another-apps-key-id").reason;
  const viaFetch = await paraFetch({ verifier, audience })(new Request("http://backend/", { headers: { authorization: "Bearer " + token } }));
  console.log(JSON.stringify({ userId: result.claims.userId, wallets: result.claims.wallets.length, refused, same: viaFetch.userId === result.claims.userId }));
  verifier.close();
});
`;

/** What a TypeScript backend writes: the package's types must resolve for its module kind. */
const TYPED = `import { JwtVerifier, type ParaJwtClaims } from "para-graphql-gateway-verifier";
import { paraFetch } from "para-graphql-gateway-verifier/fetch";
const verifier: JwtVerifier = JwtVerifier.forEnvironment("PROD", { audience: "app" });
const authenticate: (request: Request) => Promise<ParaJwtClaims> = paraFetch({ verifier, wallet: "EVM" });
export const userOf = async (request: Request): Promise<string> => (await authenticate(request)).userId;
`;

async function project(kind: "module" | "commonjs", main: string) {
  const app = dir.path(`backend-${kind}`);
  mkdirSync(app, { recursive: true });
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({
      name: `backend-${kind}`,
      private: true,
      type: kind,
      dependencies: { "para-graphql-gateway-verifier": `file:${tarball}` },
    }),
  );
  const started = performance.now();
  await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: app,
    timeout: 120_000,
  });
  const seconds = (performance.now() - started) / 1000;
  const { stdout: du } = await run("du", ["-sk", join(app, "node_modules")]);
  const installed = readdirSync(join(app, "node_modules")).filter((name) => !name.startsWith("."));
  console.log(
    `verifier package, ${kind}: installed in ${seconds.toFixed(1)} s, ${du.split("\t")[0]} KB, packages: ${installed.join(", ")}`,
  );
  const file = kind === "module" ? "main.mjs" : "main.cjs";
  writeFileSync(join(app, file), main);
  writeFileSync(join(app, "typed.ts"), TYPED);
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        module: "NodeNext",
        moduleResolution: "NodeNext",
        target: "ES2022",
        lib: ["ES2023", "DOM"],
        strict: true,
        noEmit: true,
        types: [],
      },
      files: ["typed.ts"],
    }),
  );
  return { app, file, installed };
}

beforeAll(async () => {
  const packed = dir.path("pack");
  mkdirSync(packed, { recursive: true });
  await run("npm", ["pack", "./packages/verifier", "--pack-destination", packed], { timeout: 60_000 });
  tarball = join(packed, readdirSync(packed).find((f) => f.endsWith(".tgz")) as string);
  const user = await stack.admin.createUser({ walletTypes: ["EVM", "SOLANA"] });
  const { session } = await stack.admin.createSession(user.userId);
  const imported = await graphql<{ importSession: { sessionToken: string } }>(stack.gateway.url, IMPORT, { session });
  const issued = await graphql<{ issueJwt: { token: string } }>(
    stack.gateway.url,
    ISSUE_JWT,
    {},
    bearer(imported.data?.importSession.sessionToken as string),
  );
  token = issued.data?.issueJwt.token as string;
  expect(token).toMatch(/^ey/);
});

describe("the verifier package installed from npm pack", () => {
  it("holds its built ES module and CommonJS files, its types, and no gateway source", async () => {
    const { stdout } = await run("tar", ["-tzf", tarball]);
    const files = stdout.trim().split("\n");
    for (const file of [
      "package/dist/esm/index.js",
      "package/dist/esm/index.d.ts",
      "package/dist/cjs/index.js",
      "package/dist/cjs/package.json",
      "package/dist/cjs/express.d.ts",
    ])
      expect(files).toContain(file);
    expect(files.filter((f) => !f.startsWith("package/dist/")).sort()).toEqual([
      "package/README.md",
      "package/package.json",
    ]);
    const manifest = JSON.parse(readFileSync("packages/verifier/package.json", "utf8")) as { dependencies: object };
    expect(Object.keys(manifest.dependencies)).toEqual(["jose"]);
  });

  it.each([
    ["module", ESM_MAIN],
    ["commonjs", CJS_MAIN],
  ] as const)(
    "a %s backend installs it with jose alone and verifies a token from issueJwt",
    async (kind, main) => {
      const { app, file, installed } = await project(kind, main);
      // Nothing of the gateway's server comes along: no Para SDK, GraphQL, Yoga, stores.
      expect(installed.sort()).toEqual(["jose", "para-graphql-gateway-verifier"]);
      const { stdout } = await run(
        process.execPath,
        [file, `${stack.emulator.url}/.well-known/jwks.json`, DEFAULT_API_KEY_ID, token],
        {
          cwd: app,
          timeout: 30_000,
        },
      );
      const out = JSON.parse(stdout) as Record<string, unknown>;
      expect(out).toMatchObject({ userId: expect.any(String), wallets: 2 });
      if (kind === "module")
        expect(out.refused).toBe('Bearer error="invalid_token", error_description="MISSING_TOKEN"');
      else expect(out).toMatchObject({ refused: "WRONG_AUDIENCE", same: true });
      await run(process.execPath, [TSC, "-p", app], { timeout: 60_000 });
    },
    180_000,
  );
});
