import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface RedisServer {
  port: number;
  password: string;
  url: string;
  /** With `tls`: the self-signed certificate the server presents (and clients must trust). */
  caFile: string | undefined;
  start: () => Promise<void>;
  /** SIGKILL: the server vanishes as in a crash; what it acknowledged is in its append-only file. */
  kill: () => Promise<void>;
  stop: () => Promise<void>;
  /** Whether the server runs (not killed or stopped). */
  alive: () => boolean;
}

/**
 * Debian's redis-server on a free port of its own, with a password and an fsync-always append-only
 * file in a temporary folder, so that a restart keeps every write it acknowledged.
 */
export interface RedisOptions {
  tls?: boolean;
  /** More arguments after the defaults (a cluster node's, a replica's). */
  args?: string[];
  /** A config file's text, written to the server's folder (sentinels rewrite theirs): run as a sentinel. */
  sentinelConfig?: (port: number) => string;
}

export async function startRedis(options: RedisOptions = {}): Promise<RedisServer> {
  const port = await freePort();
  const password = "test-redis-password";
  const dir = mkdtempSync(join(tmpdir(), "gateway-redis-"));
  let child: ChildProcess | undefined;
  const caFile = options.tls ? join(dir, "server.crt") : undefined;
  const listen = ["--port", String(port)];
  if (caFile) {
    const keyFile = join(dir, "server.key");
    execFileSync(
      "openssl",
      [
        ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"],
        ...["-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", keyFile, "-out", caFile],
      ],
      { stdio: "ignore" },
    );
    listen.splice(0, 2, "--port", "0", "--tls-port", String(port), "--tls-cert-file", caFile);
    listen.push("--tls-key-file", keyFile, "--tls-ca-cert-file", caFile, "--tls-auth-clients", "no");
  }

  const sentinelFile = join(dir, "sentinel.conf");
  if (options.sentinelConfig) writeFileSync(sentinelFile, options.sentinelConfig(port));
  const args = options.sentinelConfig
    ? [sentinelFile, "--sentinel", "--port", String(port), "--bind", "127.0.0.1", "--dir", dir]
    : [...listen, "--bind", "127.0.0.1", "--dir", dir, "--requirepass", password, "--save", ""].concat(
        ["--appendonly", "yes", "--appendfsync", "always"],
        options.args ?? [],
      );
  // A sentinel says it watches its master; a server that it is ready.
  const readyLine = options.sentinelConfig ? "+monitor master" : "Ready to accept connections";
  const start = async () => {
    child = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    await new Promise<void>((resolve, reject) => {
      child?.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(readyLine)) resolve();
      });
      child?.once("exit", (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)));
    });
  };
  const halt = async (signal: NodeJS.Signals) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill(signal);
    await exited;
  };
  await start();
  return {
    port,
    password,
    url: `${caFile ? "rediss" : "redis"}://:${password}@127.0.0.1:${port}`,
    caFile,
    start,
    kill: () => halt("SIGKILL"),
    alive: () => child !== undefined && child.exitCode === null && child.signalCode === null,
    stop: async () => {
      await halt("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
