import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  rootVersions as all,
  installProject,
  packClient,
  registerManifest,
  runInProject,
} from "../support/frontend-project.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { useEmulator, useTempDir } from "../support/stack.js";

// A frontend in a project of its own: it installs the client package from `npm pack` (no server
// dependency comes with it), writes its own operations, generates them with Code Generator's client
// preset against the schema the package ships (docs/frontends.md's config: DateTime as string, NodeNext
// imports), registers one of them with the gateway, and runs them through the package's session
// client and Apollo link against a gateway that runs trusted documents only.
const run = promisify(execFile);
const emulator = useEmulator();
const dir = useTempDir("gateway-frontend-");
let gateway: GatewayProcess;
let store: string;

beforeAll(async () => {
  store = `sqlite:${dir.path("gateway.db")}`;
  gateway = await startGatewayProcess({ PERSISTED_OPERATIONS: "only", SESSION_STORE: store });
});
afterAll(() => gateway?.stop());

const CODEGEN = `const { addTypenameSelectionDocumentTransform } = require("@graphql-codegen/client-preset");
module.exports = {
  schema: "node_modules/para-graphql-gateway-client/schema.graphql",
  documents: "src/**/*.graphql",
  emitLegacyCommonJSImports: false,
  generates: {
    "gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: "sha256" } },
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: { scalars: { DateTime: "string" }, useTypeImports: true, enumsAsTypes: true },
    },
  },
};
`;

// Fields in source order, not alphabetical: the manifest holds them sorted, so only the hash Code
// Generator wrote into the document finds the registered one.
const HEADER =
  "query AppHeader {\n  session {\n    identifier\n    userId\n    expiresAt\n    wallets {\n      type\n      address\n    }\n  }\n}\n";
const UNREGISTERED = "query AppSessions {\n  mySessions {\n    importedAt\n    id\n  }\n}\n";

const MAIN = `import { ApolloClient, InMemoryCache } from "@apollo/client";
import { SessionClient } from "para-graphql-gateway-client";
import { connectApolloCache, createGatewayLink, typePolicies } from "para-graphql-gateway-client/apollo";
import { AppHeaderDocument, AppSessionsDocument } from "./gql/graphql.ts";

const [url] = process.argv.slice(2);
const out = (line: unknown) => process.stdout.write(JSON.stringify(line) + "\\n");
const session = new SessionClient({ url, keepAlive: { policy: "none" }, events: false, channel: false });
const client = new ApolloClient({ link: createGatewayLink(session), cache: new InMemoryCache({ typePolicies }) });
connectApolloCache(session, client);
out({ status: (await session.signIn(process.env.SESSION ?? "")).status });
const header = await client.query({ query: AppHeaderDocument });
const expiresAt: string | undefined = header.data?.session?.expiresAt;
out({ header: header.data?.session?.identifier, expiresAt: typeof expiresAt });
try {
  await client.query({ query: AppSessionsDocument });
  out({ gateway: "accepted" });
} catch (error) {
  const { errors } = error as { errors?: { message: string; extensions?: { code?: string } }[] };
  out({ gateway: errors?.[0]?.extensions?.code, message: errors?.[0]?.message });
}
await session.signOut();
out({ status: session.getState().status });
session.dispose();
client.stop();
`;

describe("a separate frontend project", () => {
  it("installs the client package, brings its own trusted operation, and runs it through Apollo Client", async () => {
    const packed = dir.path("pack");
    const tarball = await packClient(packed);
    const app = dir.path("app");
    mkdirSync(`${app}/src`, { recursive: true });
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
          typescript: all.typescript,
        },
      }),
    );
    await installProject(app);
    // No server code came along with the client package.
    const installed = readdirSync(`${app}/node_modules`);
    for (const server of ["better-sqlite3", "ioredis", "@getpara", "graphql-yoga"])
      expect(installed).not.toContain(server);

    writeFileSync(`${app}/src/header.graphql`, HEADER);
    writeFileSync(`${app}/src/sessions.graphql`, UNREGISTERED);
    writeFileSync(`${app}/codegen.cjs`, CODEGEN);
    writeFileSync(`${app}/main.mts`, MAIN);
    await runInProject(app, ["graphql-codegen", "--config", "codegen.cjs"]);
    // The generated code type-checks under NodeNext, with DateTime typed as a string.
    const nodeNext = ["--module", "nodenext", "--moduleResolution", "nodenext"];
    await runInProject(app, ["tsc", "--noEmit", "--strict", "--skipLibCheck", ...nodeNext, "gql/index.ts"]);
    // The frontend registers AppHeader only.
    const manifest = JSON.parse(readFileSync(`${app}/gql/persisted-documents.json`, "utf8")) as Record<string, string>;
    const registeredFile = `${app}/registered.json`;
    writeFileSync(
      registeredFile,
      JSON.stringify(Object.fromEntries(Object.entries(manifest).filter(([, body]) => body.includes("AppHeader")))),
    );
    expect(await registerManifest(registeredFile, store)).toMatch(/1 documents, 1 new/);

    const user = await emulator.admin.createUser({ email: "frontend@example.com" });
    const { session } = await emulator.admin.createSession(user.userId);
    const { stdout } = await run(process.execPath, ["main.mts", gateway.url], {
      cwd: app,
      env: { PATH: process.env.PATH, SESSION: session },
      timeout: 60_000,
    });
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(lines[0]).toEqual({ status: "active" });
    expect(lines[1]).toEqual({ header: "frontend@example.com", expiresAt: "string" });
    // What nobody registered is refused by hash, with what to do; production sends no text after it.
    expect(lines[2]).toMatchObject({ gateway: "PERSISTED_QUERY_NOT_FOUND" });
    expect(lines[3]).toEqual({ status: "signed-out" });
  }, 420_000);
});
