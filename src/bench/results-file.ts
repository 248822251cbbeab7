import { mkdir, writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "./children.js";

export interface Machine {
  cpuModel: string;
  cpuCount: number;
  totalMemoryGb: number;
  node: string;
}

export function machineFacts(): Machine {
  const all = cpus();
  return {
    cpuModel: all[0]?.model.trim() ?? "unknown",
    cpuCount: all.length,
    totalMemoryGb: totalmem() / 1024 ** 3,
    node: process.version,
  };
}

/** Writes bench-results/<ISO date>.json and bench-results/latest.json (the folder is git-ignored); returns the first. */
export async function writeResults(startedAt: Date, results: Record<string, unknown>): Promise<string> {
  const dir = join(REPO_ROOT, "bench-results");
  await mkdir(dir, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  // Colons are legal on Linux but not everywhere the file may be copied to.
  const file = join(dir, `${startedAt.toISOString().replace(/:/g, "-")}.json`);
  await writeFile(file, json);
  await writeFile(join(dir, "latest.json"), json);
  return file;
}
