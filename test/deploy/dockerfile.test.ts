/**
 * The Dockerfile, .dockerignore and compose.yaml, checked as far as a machine without a container runtime
 * allows, by running what they say rather than by reading them alone.
 *
 * Executed here:
 *   - the build stage: its COPY sources are copied from the repository into a temporary folder (as
 *     .dockerignore filters the build context), and its RUN commands run there, in order, with its ENV
 *     (`npm ci`, `npm run build`, the prune), on this machine's Node (24, as CI puts it first on PATH)
 *     and npm cache. The folder is outside the repository, so nothing resolves from the repository's own
 *     node_modules;
 *   - the runtime stage: its COPY --from=build into a second folder, its RUN commands (with `chown` stood
 *     in for, since there is no `node` user here: the call is recorded, then applied to an unprivileged
 *     user that does exist), then its CMD, as that user when this test runs as root, with the stage's ENV;
 *     the gateway must log "gateway listening", answer the HEALTHCHECK's own command (taken from the
 *     Dockerfile) with exit status 0, fail it when nothing listens, and stop cleanly on SIGTERM. A second
 *     start uses the image's default store (SQLite in the data volume, through Node's own node:sqlite) and
 *     the unprivileged user can write there;
 *   - compose.yaml's gateway environment, with its ${…} interpolation done as Compose does it, through the
 *     gateway's own configuration validation (src/runtime/config.ts).
 * Checked from the text only: the base images, USER, EXPOSE, VOLUME, the exact CMD, that no stage installs a
 * toolchain, and compose.yaml's services, limits, dependencies and health checks.
 * Not checked here (no Docker or Podman, no network but the npm and Debian registries): pulling
 * node:24-bookworm-slim and redis:7; the actual `docker build` (BuildKit's cache mount, layer caching,
 * .dockerignore as Docker itself applies it); the image's Node 24 patch release and npm (this machine's Node and npm run the
 * steps); that the image's `node` user and the volume's ownership behave as emulated; Docker scheduling the
 * health check; `docker compose config` and `up`; Redis itself, its AOF and its password; memory limits
 * enforced by a cgroup.
 */
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, join, posix } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { loadConfig } from "../../src/runtime/config.js";
import { followGateway, type GatewayProcess } from "../support/gateway-process.js";
import { run, type SpawnOptions, spawnAs } from "../support/run.js";

const REPO = join(import.meta.dirname, "../..");
const BUILD_TIMEOUT_MS = 10 * 60_000;
const START_TIMEOUT_MS = 30_000;

// ---------------------------------------------------------------------------------------------------
// The Dockerfile, parsed as far as this file needs: stages, instructions, and their arguments.

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

interface Stage {
  image: string;
  name: string | undefined;
  instructions: Instruction[];
}

/** Continuation lines joined as Docker joins them; comment lines dropped, also inside a continuation. */
function parseDockerfile(text: string): Stage[] {
  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  for (const [index, raw] of text.split("\n").entries()) {
    const trimmed = raw.trim();
    if (trimmed.startsWith("#") || (trimmed === "" && !pending)) continue;
    const continued = /\\\s*$/.test(raw);
    const part = continued ? raw.replace(/\\\s*$/, "") : raw;
    pending = pending ? { text: pending.text + part, line: pending.line } : { text: part, line: index + 1 };
    if (continued) continue;
    const match = /^\s*(\S+)\s*([\s\S]*?)\s*$/.exec(pending.text);
    if (match?.[1]) instructions.push({ keyword: match[1].toUpperCase(), args: match[2] ?? "", line: pending.line });
    pending = undefined;
  }
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === "FROM") {
      const [image = "", as, name] = instruction.args.split(/\s+/);
      stages.push({ image, name: as?.toUpperCase() === "AS" ? name : undefined, instructions: [] });
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`line ${instruction.line}: ${instruction.keyword} before any FROM`);
      stage.instructions.push(instruction);
    }
  }
  return stages;
}

/** Leading `--flag=value` / `--flag` options of an instruction, and what follows them. */
function splitFlags(args: string): { flags: Map<string, string>; rest: string } {
  const flags = new Map<string, string>();
  let rest = args;
  for (let match = /^--([a-z-]+)(?:=(\S*))?\s+/.exec(rest); match; match = /^--([a-z-]+)(?:=(\S*))?\s+/.exec(rest)) {
    flags.set(match[1] ?? "", match[2] ?? "");
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}

/** Exec form (a JSON array) or shell form, as Docker runs it (/bin/sh -c). */
function commandOf(rest: string): string[] {
  return rest.startsWith("[") ? (JSON.parse(rest) as string[]) : ["/bin/sh", "-c", rest];
}

function envOf(args: string): Record<string, string> {
  const env: Record<string, string> = {};
  if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(args)) {
    const [key = "", ...value] = args.split(/\s+/);
    env[key] = value.join(" ");
    return env;
  }
  for (const match of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=(?:"((?:[^"\\]|\\.)*)"|(\S*))/g)) {
    env[match[1] ?? ""] = match[2] ?? match[3] ?? "";
  }
  return env;
}

interface Copy {
  from: string | undefined;
  sources: string[];
  dest: string;
  flags: Map<string, string>;
}

function copyOf(args: string): Copy {
  const { flags, rest } = splitFlags(args);
  const parts = rest.startsWith("[") ? (JSON.parse(rest) as string[]) : rest.split(/\s+/);
  const dest = parts.pop();
  if (!dest || parts.length === 0) throw new Error(`COPY needs a source and a destination: ${args}`);
  return { from: flags.get("from"), sources: parts, dest, flags };
}

const dockerfile = readFileSync(join(REPO, "Dockerfile"), "utf8");
const stages = parseDockerfile(dockerfile);
const finalStage = stages.at(-1) as Stage;
const buildStageNames = new Set(
  finalStage.instructions
    .filter((i) => i.keyword === "COPY")
    .map((i) => copyOf(i.args).from)
    .filter((from): from is string => from !== undefined),
);
const of = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);
const last = (stage: Stage, keyword: string) => of(stage, keyword).at(-1);

const volumePaths = (() => {
  const volume = last(finalStage, "VOLUME");
  if (!volume) return [];
  return volume.args.startsWith("[") ? (JSON.parse(volume.args) as string[]) : volume.args.split(/\s+/);
})();

const healthcheck = (() => {
  const instruction = last(finalStage, "HEALTHCHECK");
  if (!instruction) return undefined;
  const { flags, rest } = splitFlags(instruction.args);
  const command = /^CMD\s+([\s\S]+)$/.exec(rest)?.[1];
  return { flags, argv: command === undefined ? [] : commandOf(command) };
})();

/** Docker durations such as 5s, 1m30s, 500ms. */
function durationMs(value: string | undefined, fallbackMs: number): number {
  if (!value) return fallbackMs;
  let total = 0;
  for (const [, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(amount) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as "ms" | "s" | "m" | "h"];
  }
  return total;
}

// ---------------------------------------------------------------------------------------------------
// .dockerignore: Docker's patterns (filepath.Match with **), the last matching line deciding, a
// pattern that matches a directory excluding everything in it.

const ignoreRules = readFileSync(join(REPO, ".dockerignore"), "utf8")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line !== "" && !line.startsWith("#"))
  .map((line) => {
    const negated = line.startsWith("!");
    const pattern = posix.normalize((negated ? line.slice(1) : line).replace(/^\/+/, "")).replace(/\/+$/, "");
    const source = pattern
      .split(/(\*\*\/|\*\*|\*|\?)/)
      .map((token) => {
        if (token === "**/") return "(?:.*/)?";
        if (token === "**") return ".*";
        if (token === "*") return "[^/]*";
        if (token === "?") return "[^/]";
        return token.replace(/[.+^${}()|[\]\\]/g, "\\$&");
      })
      .join("");
    return { negated, regex: new RegExp(`^${source}$`), pattern };
  });

/** Whether the build context leaves this path (relative to the repository, with /) out. */
function ignored(path: string): boolean {
  const segments = path.split("/");
  let excluded = false;
  for (let i = 1; i <= segments.length; i++) {
    const prefix = segments.slice(0, i).join("/");
    for (const rule of ignoreRules) if (rule.regex.test(prefix)) excluded = !rule.negated;
    if (excluded && i < segments.length) return true;
  }
  return excluded;
}

/** Copies a context path as COPY would see it: ignored files left out. Returns the files copied. */
function copyFromContext(source: string, target: string): number {
  const relativePath = posix.normalize(source).replace(/^\.?\/+/, "");
  if (ignored(relativePath)) return 0;
  const absolute = join(REPO, relativePath);
  if (statSync(absolute).isDirectory()) {
    mkdirSync(target, { recursive: true });
    let files = 0;
    for (const entry of readdirSync(absolute)) {
      files += copyFromContext(posix.join(relativePath, entry), join(target, entry));
    }
    return files;
  }
  cpSync(absolute, target);
  return 1;
}

// ---------------------------------------------------------------------------------------------------
// Running commands and the gateway.

/** What Docker's build gives a RUN: PATH and HOME (this machine's, for its npm cache), and the proxy and
 * CA settings this machine may need to reach the registry; never vitest's own environment (NODE_ENV=test). */
function baseEnv(): Record<string, string> {
  const keep =
    /^(PATH|HOME|TMPDIR|LANG|(HTTPS?|NO|ALL)_PROXY|NODE_EXTRA_CA_CERTS|SSL_CERT_(FILE|DIR)|npm_config_(registry|userconfig|cache))$/i;
  return Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => keep.test(entry[0]) && !!entry[1]),
  );
}

/** An unprivileged user to stand in for the image's `node` when this test runs as root. */
function standInUser(): { uid: number; gid: number; name: string } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const line of readFileSync("/etc/passwd", "utf8").split("\n")) {
    const [name, , uid, gid] = line.split(":");
    if (name === "nobody" && uid && gid) return { uid: Number(uid), gid: Number(gid), name };
  }
  return undefined;
}

/** Starts the final stage's CMD as Docker would: in its WORKDIR, with its ENV and user. */
function startCmd(cmd: string[], options: SpawnOptions): Promise<GatewayProcess> {
  return followGateway(spawnAs(cmd, options), { timeoutMs: START_TIMEOUT_MS });
}

/** A port on which nothing listens (just released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// ---------------------------------------------------------------------------------------------------

describe("Dockerfile, as written", () => {
  it("has a build stage and a runtime stage, both on node:24-bookworm-slim (Node 24 LTS)", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.image).toBe("node:24-bookworm-slim");
    expect(buildStageNames.size).toBe(1);
    expect(stages.slice(0, -1).map((s) => s.name)).toContain([...buildStageNames][0]);
  });

  it("installs no toolchain: nothing native is compiled (node:sqlite is Node's own), nor installed at run time", () => {
    for (const stage of stages) for (const i of of(stage, "RUN")) expect(i.args).not.toMatch(/apt-get|apk |node-gyp/);
    for (const i of of(finalStage, "RUN")) expect(i.args).not.toMatch(/npm /);
  });

  it("runs as the image's non-root node user, in production mode, on port 4000", () => {
    expect(last(finalStage, "USER")?.args).toBe("node");
    expect(
      envOf(
        of(finalStage, "ENV")
          .map((i) => i.args)
          .join(" "),
      ).NODE_ENV,
    ).toBe("production");
    expect(of(finalStage, "EXPOSE").map((i) => i.args)).toContain("4000");
  });

  it("starts with exactly `node dist/main.js`: no npm, no loader, no shell", () => {
    const cmd = last(finalStage, "CMD");
    expect(cmd?.args.startsWith("[")).toBe(true);
    expect(commandOf(cmd?.args ?? "")).toEqual(["node", "dist/main.js"]);
    // The base image's entrypoint execs its arguments; an ENTRYPOINT of our own could wrap them.
    expect(of(finalStage, "ENTRYPOINT")).toEqual([]);
  });

  it("declares a HEALTHCHECK that node itself runs against 127.0.0.1:4000/health", () => {
    expect(healthcheck?.argv[0]).toBe("node");
    expect(healthcheck?.argv.join(" ")).toMatch(/127\.0\.0\.1/);
    expect(healthcheck?.argv.join(" ")).toMatch(/\/health/);
    expect(healthcheck?.argv.join(" ")).toMatch(/4000/);
    expect(durationMs(healthcheck?.flags.get("timeout"), 30_000)).toBeLessThanOrEqual(10_000);
  });

  it("keeps the SQLite data directory as a volume, handed to node before VOLUME declares it", () => {
    const volume = last(finalStage, "VOLUME");
    // SESSION_STORE's default, sqlite:./data/sessions.db, is relative to the WORKDIR.
    expect(volumePaths).toContain(posix.join(last(finalStage, "WORKDIR")?.args ?? "/", "data"));
    const chown = of(finalStage, "RUN").find((i) => /chown\s+node(:node)?\s/.test(i.args));
    expect(chown, "a RUN that chowns the data directory to node").toBeDefined();
    expect(chown?.line ?? Number.POSITIVE_INFINITY).toBeLessThan(volume?.line ?? 0);
  });

  it("copies into the runtime image only dist/, node_modules and package.json, from the build stage", () => {
    const copies = of(finalStage, "COPY").map((i) => copyOf(i.args));
    for (const copy of copies) expect(copy.from).toBeDefined();
    const sources = copies.flatMap((c) => c.sources.map((s) => basename(s)));
    expect(sources.sort()).toEqual(["dist", "node_modules", "package.json"]);
  });

  it(".dockerignore leaves out local installs, builds, data and history, and none of the COPY sources", () => {
    for (const path of ["node_modules", "dist", "data", "test-results", "bench-results", ".git", "data/sessions.db"]) {
      expect(ignored(path), path).toBe(true);
    }
    const contextSources = stages
      .flatMap((s) => of(s, "COPY"))
      .map((i) => copyOf(i.args))
      .filter((c) => c.from === undefined)
      .flatMap((c) => c.sources);
    expect(contextSources.length).toBeGreaterThan(0);
    for (const source of contextSources) expect(ignored(posix.normalize(source)), source).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string[] | string;
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  ports?: string[];
  mem_limit?: string | number;
  deploy?: { resources?: { limits?: { memory?: string } } };
  healthcheck?: { test?: string[] | string };
  stop_grace_period?: string;
  volumes?: string[];
}

const composeText = readFileSync(join(REPO, "compose.yaml"), "utf8");
const compose = parseYaml(composeText, { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;
const gatewayServices = Object.entries(services).filter(([, s]) => s.build !== undefined);

/** Compose's interpolation: $$, $NAME, ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}. */
function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|-|:\?|\?)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, name: string | undefined, operator: string | undefined, argument: string | undefined, bare?: string) => {
      if (match === "$$") return "$";
      if (bare) return env[bare] ?? "";
      const key = name ?? "";
      const value = env[key];
      const empty = value === undefined || value === "";
      if (operator === ":-") return empty ? (argument ?? "") : value;
      if (operator === "-") return value ?? argument ?? "";
      if ((operator === ":?" && empty) || (operator === "?" && value === undefined)) {
        throw new Error(`required variable ${key} is missing a value: ${argument}`);
      }
      return value ?? "";
    },
  );
}

/** The environment a gateway container gets: the image's ENV, then compose.yaml's (interpolated; a name
 * without a value passes the variable on when set and leaves it unset otherwise). */
function containerEnv(service: ComposeService, hostEnv: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = envOf(
    of(finalStage, "ENV")
      .map((i) => i.args)
      .join(" "),
  );
  const entries: [string, string | null][] = Array.isArray(service.environment)
    ? service.environment.map((item) => {
        const [key = "", ...value] = item.split("=");
        return [key, value.length > 0 ? value.join("=") : null];
      })
    : Object.entries(service.environment ?? {}).map(([key, value]) => [key, value === null ? null : String(value)]);
  for (const [key, value] of entries) {
    const resolved = value === null ? hostEnv[key] : interpolate(value, hostEnv);
    if (resolved !== undefined) env[key] = resolved;
  }
  return env;
}

function megabytes(limit: string | number | undefined): number | undefined {
  if (limit === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(String(limit));
  if (!match) throw new Error(`unreadable memory limit ${limit}`);
  const factor = { "": 1 / 2 ** 20, k: 1 / 1024, m: 1, g: 1024 }[
    (match[2] ?? "").toLowerCase() as "" | "k" | "m" | "g"
  ];
  return Number(match[1]) * factor;
}

describe("compose.yaml", () => {
  const hostEnv = {
    PARA_ENV: "PROD",
    PARA_API_KEY: "prod_example_public_key",
    PARA_SECRET_API_KEY: "prod_example_secret_key",
    GATEWAY_API_KEYS: randomBytes(32).toString("hex"),
    REDIS_PASSWORD: randomBytes(24).toString("hex"),
    SESSION_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };

  it("declares Redis 7 with an append-only file, a password from the environment and a health check", () => {
    const redis = services.redis as ComposeService;
    expect(redis.image).toMatch(/^redis:7/);
    const written = Array.isArray(redis.command) ? redis.command : [redis.command ?? ""];
    // The password comes from the environment, never written into the file.
    expect(written[written.indexOf("--requirepass") + 1]).toMatch(/^\$\{REDIS_PASSWORD[:?}]/);
    const command = written.map((part) => interpolate(part, hostEnv));
    expect(command.join(" ")).toMatch(/--appendonly yes/);
    expect(command.join(" ")).toContain(`--requirepass ${hostEnv.REDIS_PASSWORD}`);
    expect(redis.healthcheck?.test).toBeDefined();
    expect(megabytes(redis.mem_limit ?? redis.deploy?.resources?.limits?.memory)).toBeGreaterThan(0);
  });

  it("declares two gateway replicas built from the Dockerfile, after Redis is healthy, each on its own port", () => {
    expect(gatewayServices).toHaveLength(2);
    const hostPorts = new Set<string>();
    for (const [name, service] of gatewayServices) {
      const context = typeof service.build === "string" ? service.build : service.build?.context;
      expect(context, name).toBe(".");
      const dependsOn = service.depends_on as Record<string, { condition?: string }>;
      expect(dependsOn.redis?.condition, name).toBe("service_healthy");
      expect(service.ports, name).toHaveLength(1);
      const [published = ""] = service.ports ?? [];
      expect(published.endsWith(":4000"), published).toBe(true);
      hostPorts.add(published.split(":").slice(0, -1).join(":"));
    }
    expect(hostPorts.size).toBe(2);
  });

  it("gives each gateway a memory limit that covers its workers, and the Dockerfile's health check", () => {
    for (const [name, service] of gatewayServices) {
      const limitMb = megabytes(service.mem_limit ?? service.deploy?.resources?.limits?.memory);
      expect(limitMb, name).toBeDefined();
      const config = loadConfig(containerEnv(service, hostEnv));
      const budgetMb = config.memory?.totalMb ?? limitMb ?? 0;
      expect(budgetMb).toBeLessThanOrEqual(limitMb ?? 0);
      // The sizing in docs/performance.md: about 200 MB per worker plus the supervisor's 50.
      expect(config.memory?.perWorkerMb ?? ((limitMb ?? 0) - 50) / config.workers).toBeGreaterThanOrEqual(200);
      expect(service.healthcheck?.test).toEqual(["CMD", ...(healthcheck?.argv ?? [])]);
      expect(durationMs(service.stop_grace_period, 10_000)).toBeGreaterThan(10_000);
    }
  });

  it("passes the gateway's own configuration check, with one Redis and one encryption key for both replicas", () => {
    const [first, second] = gatewayServices.map(([, service]) => containerEnv(service, hostEnv));
    expect(first).toEqual(second);
    const config = loadConfig(first);
    expect(config.devMode).toBe(false);
    expect(config.sessionStore).toBe(`redis://:${hostEnv.REDIS_PASSWORD}@redis:6379/0`);
    expect(config.encryptionKeys[0]?.toString("base64")).toBe(hostEnv.SESSION_ENCRYPTION_KEY);
    expect(config.para.env).toBe("PROD");
    expect(config.para.secretApiKey).toBe(hostEnv.PARA_SECRET_API_KEY);
    expect(config.gatewayKeyDigests).toHaveLength(1);
    expect(config.host).toBe("0.0.0.0");
    expect(config.port).toBe(4000);
    expect(config.cookieName).toBe("__Host-para_session");
  });

  it("refuses to start without the shared secrets, and leaves optional variables unset rather than empty", () => {
    const [, service] = gatewayServices[0] as [string, ComposeService];
    for (const required of ["SESSION_ENCRYPTION_KEY", "REDIS_PASSWORD", "PARA_API_KEY", "PARA_ENV"]) {
      expect(() => containerEnv(service, { ...hostEnv, [required]: undefined }), required).toThrow(required);
    }
    const minimal = { ...hostEnv, PARA_SECRET_API_KEY: undefined, GATEWAY_API_KEYS: undefined };
    const env = containerEnv(service, minimal);
    expect(env.PARA_SECRET_API_KEY).toBeUndefined();
    expect(loadConfig(env).para.secretApiKey).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------------

describe("the Dockerfile's steps, executed without Docker", () => {
  const build = stages.find((s) => buildStageNames.has(s.name ?? "")) as Stage;
  const user = standInUser();
  const buildEnv: Record<string, string> = baseEnv();
  const runtimeEnv: Record<string, string> = {};
  const timings: string[] = [];
  let root = "";
  let buildDir = "";
  let runtimeDir = "";
  let buildWorkdir = "/";
  let runtimeWorkdir = "/";
  const chowns: string[] = [];

  /** A path in a stage's filesystem, in the folder that stands for its WORKDIR. */
  const local = (dir: string, workdir: string, path: string) => {
    const absolute = posix.resolve(workdir, path);
    const inside = posix.relative(workdir, absolute);
    if (inside.startsWith("..")) throw new Error(`${path} is outside WORKDIR ${workdir}: not emulated here`);
    return join(dir, inside);
  };

  async function runStep(
    instruction: Instruction,
    dir: string,
    env: Record<string, string>,
    extra: { path?: string } = {},
  ) {
    const { rest } = splitFlags(instruction.args); // --mount=type=cache…: this machine's npm cache serves
    const fullEnv = extra.path ? { ...env, PATH: `${extra.path}:${env.PATH ?? ""}` } : env;
    const ran = await run(commandOf(rest), { cwd: dir, env: fullEnv, timeoutMs: BUILD_TIMEOUT_MS });
    timings.push(`${(ran.ms / 1000).toFixed(1)} s  RUN ${rest.slice(0, 100)}`);
    if (ran.code !== 0) {
      throw new Error(
        `Dockerfile line ${instruction.line} failed (${ran.code}): RUN ${rest}\n${ran.output.slice(-4000)}`,
      );
    }
  }

  beforeAll(async () => {
    const started = Date.now();
    // Outside the repository: nothing may resolve from its node_modules.
    root = mkdtempSync(join(tmpdir(), "dockerfile-test-"));
    buildDir = join(root, "build");
    runtimeDir = join(root, "runtime");
    mkdirSync(buildDir);
    mkdirSync(runtimeDir);

    for (const instruction of build.instructions) {
      switch (instruction.keyword) {
        case "WORKDIR":
          expect(posix.isAbsolute(instruction.args)).toBe(true);
          if (buildWorkdir !== "/" && instruction.args !== buildWorkdir) throw new Error("one WORKDIR per stage");
          buildWorkdir = instruction.args;
          break;
        case "ENV":
          Object.assign(buildEnv, envOf(instruction.args));
          break;
        case "COPY": {
          const copy = copyOf(instruction.args);
          if (copy.from !== undefined) throw new Error("the build stage copies from the build context only");
          for (const source of copy.sources) {
            const into = local(buildDir, buildWorkdir, copy.dest);
            const isDir = copy.dest.endsWith("/") || copy.sources.length > 1;
            const files = copyFromContext(source, isDir ? join(into, basename(source)) : into);
            expect(files, `COPY ${source}: nothing left after .dockerignore`).toBeGreaterThan(0);
          }
          break;
        }
        case "RUN":
          await runStep(instruction, buildDir, buildEnv);
          break;
        case "ARG":
        case "LABEL":
          break;
        default:
          throw new Error(`line ${instruction.line}: ${instruction.keyword} in the build stage is not emulated`);
      }
    }

    // The runtime stage, in its own folder: world-readable like an image's layers, writable only by root.
    chmodSync(root, 0o755);
    chmodSync(runtimeDir, 0o755);
    const shims = join(root, "shims");
    mkdirSync(shims);
    const chownLog = join(root, "chown.log");
    writeFileSync(join(shims, "chown"), `#!/bin/sh\necho "$*" >> "${chownLog}"\n`, { mode: 0o755 });
    for (const instruction of finalStage.instructions) {
      switch (instruction.keyword) {
        case "WORKDIR":
          runtimeWorkdir = instruction.args;
          break;
        case "ENV":
          Object.assign(runtimeEnv, envOf(instruction.args));
          break;
        case "COPY": {
          const copy = copyOf(instruction.args);
          if (!copy.from || !buildStageNames.has(copy.from))
            throw new Error(`COPY without --from=build: ${instruction.args}`);
          for (const source of copy.sources) {
            const from = local(buildDir, buildWorkdir, source);
            const into = local(runtimeDir, runtimeWorkdir, copy.dest);
            const target = copy.dest.endsWith("/") && statSync(from).isFile() ? join(into, basename(source)) : into;
            expect(existsSync(from), `COPY --from=${copy.from} ${source}`).toBe(true);
            cpSync(from, target, { recursive: true, verbatimSymlinks: true });
          }
          break;
        }
        case "RUN":
          await runStep(instruction, runtimeDir, { ...baseEnv(), ...runtimeEnv }, { path: shims });
          break;
        default:
          // USER, EXPOSE, VOLUME, HEALTHCHECK, CMD: what the tests below act on.
          break;
      }
    }
    // The image's RUN chown, applied to the stand-in for `node`.
    if (existsSync(chownLog)) chowns.push(...readFileSync(chownLog, "utf8").trim().split("\n"));
    for (const call of chowns) {
      const [owner, ...paths] = call.split(/\s+/).filter((arg) => !arg.startsWith("-"));
      if (owner !== "node" && owner !== "node:node") throw new Error(`chown to ${owner}: only node is emulated`);
      for (const path of paths) {
        if (user) chownSync(local(runtimeDir, runtimeWorkdir, path), user.uid, user.gid);
      }
    }
    timings.push(`${((Date.now() - started) / 1000).toFixed(1)} s  in all`);
    console.log(`Dockerfile steps:\n  ${timings.join("\n  ")}`);
  }, BUILD_TIMEOUT_MS);

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const gatewayEnv = (extra: Record<string, string>) => ({
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    ...runtimeEnv,
    PARA_ENV: "DEV",
    PARA_API_KEY: "dev_public_demo",
    SESSION_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    PORT: "0",
    HOST: "127.0.0.1",
    ...extra,
  });

  const runHealthcheck = (port: number) =>
    run(healthcheck?.argv ?? ["false"], {
      cwd: runtimeDir,
      // A health check runs with the container's environment: PORT is whatever the container has.
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...runtimeEnv, PORT: String(port) },
      timeoutMs: durationMs(healthcheck?.flags.get("timeout"), 30_000),
      uid: user?.uid,
      gid: user?.gid,
    });

  it("builds dist/ and prunes to production dependencies, with no native module among them", () => {
    expect(existsSync(join(buildDir, "dist/main.js"))).toBe(true);
    const modules = join(runtimeDir, "node_modules");
    for (const dev of ["typescript", "vitest", "@biomejs/biome", "@graphql-codegen/cli", "playwright-core"]) {
      expect(existsSync(join(modules, dev, "package.json")), dev).toBe(false);
    }
    for (const dependency of ["graphql-yoga", "@getpara/server-sdk", "ioredis", "pino"]) {
      expect(existsSync(join(modules, dependency)), dependency).toBe(true);
    }
    expect(existsSync(join(modules, "better-sqlite3")), "better-sqlite3").toBe(false);
    expect(readdirSync(runtimeDir).sort()).toEqual(["data", "dist", "node_modules", "package.json"]);
  });

  it("hands the volume's directory to node", () => {
    const handed = chowns.flatMap((call) => {
      const [owner, ...paths] = call.split(/\s+/).filter((arg) => !arg.startsWith("-"));
      return /^node(:node)?$/.test(owner ?? "") ? paths.map((path) => posix.resolve(runtimeWorkdir, path)) : [];
    });
    expect(volumePaths.length).toBeGreaterThan(0);
    for (const volume of volumePaths) {
      expect(handed).toContain(volume);
      if (user) expect(statSync(local(runtimeDir, runtimeWorkdir, volume)).uid).toBe(user.uid);
    }
  });

  it("starts with the CMD, as the non-root user, and passes the HEALTHCHECK's own command", async () => {
    const cmd = commandOf(last(finalStage, "CMD")?.args ?? "");
    const gateway = await startCmd(cmd, {
      cwd: runtimeDir,
      env: gatewayEnv({ SESSION_STORE: "memory" }),
      uid: user?.uid,
      gid: user?.gid,
    });
    try {
      expect(gateway.port).toBeGreaterThan(0);
      expect(gateway.port).not.toBe(8080);
      const check = await runHealthcheck(gateway.port);
      expect(check.code, check.output).toBe(0);
    } finally {
      expect(await gateway.stop()).toBe(0);
    }
  });

  it("fails the HEALTHCHECK when nothing answers", async () => {
    const check = await runHealthcheck(await closedPort());
    expect(check.code).not.toBe(0);
  });

  it("serves from the image's default store: SQLite in the data volume, written by the non-root user", async () => {
    const cmd = commandOf(last(finalStage, "CMD")?.args ?? "");
    const gateway = await startCmd(cmd, { cwd: runtimeDir, env: gatewayEnv({}), uid: user?.uid, gid: user?.gid });
    try {
      expect(gateway.logs.find((l) => l.msg === "gateway listening")?.store).toBe("sqlite");
      const ready = await fetch(`http://127.0.0.1:${gateway.port}/ready`);
      expect(ready.status).toBe(200);
      expect(existsSync(join(runtimeDir, "data/sessions.db"))).toBe(true);
      const check = await runHealthcheck(gateway.port);
      expect(check.code, check.output).toBe(0);
    } finally {
      expect(await gateway.stop()).toBe(0);
    }
  });
});
