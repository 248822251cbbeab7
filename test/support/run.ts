import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";

export interface SpawnOptions {
  cwd?: string;
  env: Record<string, string | undefined>;
  /** Run as this user (a test running as root standing in for an image's unprivileged user). */
  uid?: number;
  gid?: number;
}

/** Starts `argv` with its output piped; `node` is the Node running the tests. */
export function spawnAs(argv: string[], options: SpawnOptions): ChildProcess {
  const [file = "", ...args] = argv;
  return spawn(file === "node" ? process.execPath : file, args, {
    cwd: options.cwd,
    env: options.env,
    uid: options.uid,
    gid: options.gid,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export interface Ran {
  code: number | null;
  /** stdout and stderr, as they came. */
  output: string;
  ms: number;
}

/** Runs `argv` to its end (killed after `timeoutMs`) and gives its exit code and output. */
export async function run(argv: string[], options: SpawnOptions & { timeoutMs: number }): Promise<Ran> {
  const started = Date.now();
  const child = spawnAs(argv, options);
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
  const [code] = (await once(child, "close")) as [number | null];
  clearTimeout(timer);
  return { code, output, ms: Date.now() - started };
}
