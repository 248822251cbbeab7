import { execFile } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { useEmulator, useTempDir } from "../support/stack.js";

// A frontend in a project of its own: it installs the client package from `npm pack` (no server
// dependency comes with it), writes its own operation, generates its manifest with Code Generator's
// client preset against the schema the package ships, registers it with the gateway, and runs it
// through real Apollo Client against a gateway that runs trusted documents only.
const run = promisify(execFile);
const emulator = useEmulator();
const dir = useTempDir("gateway-frontend-");
let gateway: GatewayProcess;
let store: string;

/** The frontend installs what this project tests with, so npm finds it in its cache. */
const VERSIONS = JSON.parse(readFileSync("package.json", "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const all = { ...VERSIONS.dependencies, ...VERSIONS.devDependencies };

beforeAll(async () => {
  store = `sqlite:${dir.path("gateway.db")}`;
  gateway = await startGatewayProcess({ PERSISTED_OPERATIONS: "only", SESSION_STORE: store });
});
afterAll(() => gateway?.stop());

const CODEGEN = `const { addTypenameSelectionDocumentTransform } = require("@graphql-codegen/client-preset");
module.exports = {
  schema: "node_modules/para-graphql-gateway-client/schema.graphql",
  documents: "src/**/*.graphql",
  generates: {
    "gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: "sha256" } },
      documentTransforms: [addTypenameSelectionDocumentTransform],
    },
  },
};
`;

const MAIN = `import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { parse, print } from "graphql";
import { ImportSessionDocument, documentIdFor, documentIdFrom } from "para-graphql-gateway-client";

const [url] = process.argv.slice(2);
const session = process.env.SESSION;
const ownId = documentIdFrom(JSON.parse(readFileSync("gql/persisted-documents.json", "utf8")));
const idOf = (document) => { try { return ownId(document); } catch { return documentIdFor(document); } };
let token;
const client = new ApolloClient({
  link: ApolloLink.from([
    new SetContextLink((prev) => ({ headers: { ...prev.headers, ...(token ? { authorization: "Bearer " + token } : {}) } })),
    new PersistedQueryLink({ generateHash: idOf }),
    new HttpLink({ uri: url }),
  ]),
  cache: new InMemoryCache(),
});
const out = (line) => process.stdout.write(JSON.stringify(line) + "\\n");
const imported = await client.mutate({ mutation: ImportSessionDocument, variables: { session } });
token = imported.data.importSession.sessionToken;
const header = await client.query({ query: parse(readFileSync("src/header.graphql", "utf8")) });
out({ header: header.data.session.identifier });
for (const text of ["query Unregistered { session { userId } }", "query MyHeader { session { userId } }"]) {
  try { idOf(parse(text)); out({ client: "accepted" }); } catch (error) { out({ client: "refused", message: error.message }); }
  // Sent anyway, by its own hash: the gateway refuses what nobody registered.
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer " + token },
    body: JSON.stringify({ documentId: createHash("sha256").update(text).digest("hex") }) });
  out({ gateway: (await res.json()).errors?.[0]?.extensions?.code });
}
`;

describe("a separate frontend project", () => {
  it("installs the client package, brings its own trusted operation, and runs it through Apollo Client", async () => {
    const packed = dir.path("pack");
    await run("mkdir", ["-p", packed]);
    await run("npm", ["pack", "./packages/client", "--pack-destination", packed], { timeout: 60_000 });
    const tarball = readdirSync(packed).find((f) => f.endsWith(".tgz")) as string;
    const app = dir.path("app");
    await run("mkdir", ["-p", `${app}/src`]);
    writeFileSync(
      `${app}/package.json`,
      JSON.stringify({
        name: "my-frontend",
        private: true,
        type: "module",
        dependencies: {
          "para-graphql-gateway-client": `file:${packed}/${tarball}`,
          graphql: all.graphql,
          "@apollo/client": all["@apollo/client"],
          rxjs: all.rxjs,
          "@graphql-codegen/cli": all["@graphql-codegen/cli"],
          "@graphql-codegen/client-preset": all["@graphql-codegen/client-preset"],
        },
      }),
    );
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: app,
      timeout: 240_000,
    });
    // No server code came along with the client package.
    const installed = readdirSync(`${app}/node_modules`);
    for (const server of ["better-sqlite3", "ioredis", "@getpara", "graphql-yoga"])
      expect(installed).not.toContain(server);

    writeFileSync(`${app}/src/header.graphql`, "query MyHeader {\n  session {\n    identifier\n  }\n}\n");
    writeFileSync(`${app}/codegen.cjs`, CODEGEN);
    writeFileSync(`${app}/main.mjs`, MAIN);
    await run("npx", ["graphql-codegen", "--config", "codegen.cjs"], { cwd: app, timeout: 120_000 });
    const registered = await run(
      process.execPath,
      ["dist/tools/documents.js", "add", `${app}/gql/persisted-documents.json`],
      {
        env: { PATH: process.env.PATH, SESSION_STORE: store },
      },
    );
    expect(registered.stdout).toMatch(/1 documents, 1 new/);

    const user = await emulator.admin.createUser({ email: "frontend@example.com" });
    const { session } = await emulator.admin.createSession(user.userId);
    const { stdout } = await run(process.execPath, ["main.mjs", gateway.url], {
      cwd: app,
      env: { PATH: process.env.PATH, SESSION: session },
      timeout: 60_000,
    });
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(lines[0]).toEqual({ header: "frontend@example.com" });
    // The unregistered document and the same-named different one: refused by the client's lookup, and by the gateway.
    expect(lines[1]).toMatchObject({ client: "refused" });
    expect(lines[2]).toEqual({ gateway: "PERSISTED_QUERY_NOT_FOUND" });
    expect(lines[3]).toMatchObject({
      client: "refused",
      message: expect.stringMatching(/MyHeader is not a trusted document/),
    });
    expect(lines[4]).toEqual({ gateway: "PERSISTED_QUERY_NOT_FOUND" });
  }, 420_000);
});
