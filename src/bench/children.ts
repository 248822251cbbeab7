import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface Child {
  name: string;
  /** The node process itself (no npm or tsx wrapper in between), so /proc readings are its own. */
  pid: number;
  /** What the ready line yielded (a server's URL, a result). */
  ready: string;
  /** Throws, with the child's last output, when it has exited on its own. */
  assertAlive: () => void;
  stop: () => Promise<void>;
}

export interface ChildSpec {
  name: string;
  /** A TypeScript entry point, relative to the repository root. */
  script: string;
  env: Record<string, string>;
  /** Ready when it prints a line this maps to a string... */
  readyWhen?: (line: string) => string | undefined;
  /** ...or when this URL answers 2xx (the gateway says it listens only at log level info). */
  probeUrl?: string;
}

const running = new Set<ChildProcess>();
// Whatever way the bench ends, no child outlives it.
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Starts `node <script>` (through tsx for TypeScript) and resolves once it is ready. */
export async function startChild(spec: ChildSpec): Promise<Child> {
  const args = spec.script.endsWith(".js") ? [spec.script] : ["--import", "tsx", spec.script];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? "", ...spec.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  // Kept for the error message when the child dies; bounded, as a server may log for minutes.
  let output = "";
  const keep = (text: string) => {
    output = (output + text).slice(-8_000);
  };
  child.stderr?.on("data", (chunk: Buffer) => keep(chunk.toString()));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const ready = await new Promise<string>((resolve, reject) => {
    lines.on("line", (line) => {
      keep(`${line}\n`);
      const value = spec.readyWhen?.(line);
      if (value !== undefined) resolve(value);
    });
    if (spec.probeUrl) void probe(spec.probeUrl, child).then(resolve, reject);
    child.once("exit", (code, signal) =>
      reject(new Error(`${spec.name} exited (${code ?? signal}) before it was ready:\n${output}`)),
    );
  });
  let stopping = false;
  return {
    name: spec.name,
    pid: child.pid as number,
    ready,
    assertAlive: () => {
      if (stopping || (child.exitCode === null && child.signalCode === null)) return;
      throw new Error(`${spec.name} exited (${child.exitCode ?? child.signalCode}); its last output:\n${output}`);
    },
    stop: () => {
      stopping = true;
      return stopChild(child);
    },
  };
}

async function probe(url: string, child: ChildProcess): Promise<string> {
  for (let waited = 0; waited < 30_000 && child.exitCode === null; waited += 100) {
    const ok = await fetch(url).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return url;
    await sleep(100);
  }
  throw new Error(`${url} did not answer within 30 s`);
}

/** SIGTERM, then SIGKILL if it has not exited within 5 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

export async function stopAllChildren(): Promise<void> {
  await Promise.all([...running].map(stopChild));
}

/** The URL of a ready line in the JSON form the bench's own servers print: `{ msg, url }`. */
export const jsonLine =
  (msg: string) =>
  (line: string): string | undefined => {
    try {
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      return entry.msg === msg ? entry.url : undefined;
    } catch {
      return undefined;
    }
  };
