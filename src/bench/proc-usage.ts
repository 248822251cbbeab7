import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";

/** Clock ticks per second of /proc's CPU times. */
const CLK_TCK = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

export interface ProcUsage {
  /** user + system CPU time, ms, summed over the process and its descendants (gateway workers). */
  cpuMs: number;
  /** Peak resident set (VmHWM) since the last resetPeak, MB, summed over the tree. */
  peakRssMb: number;
  /** Current resident set (VmRSS), MB, summed over the tree. */
  rssMb: number;
  processes: number;
}

/** Reads a process tree's CPU and memory from /proc. */
export function readUsage(pid: number): ProcUsage {
  const usage: ProcUsage = { cpuMs: 0, peakRssMb: 0, rssMb: 0, processes: 0 };
  for (const p of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      usage.cpuMs += ((Number(fields[11]) + Number(fields[12])) / CLK_TCK) * 1000;
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      usage.peakRssMb += kb(status, "VmHWM") / 1024;
      usage.rssMb += kb(status, "VmRSS") / 1024;
      usage.processes++;
    } catch {
      // exited between listing and reading
    }
  }
  return usage;
}

/** Each process of a tree with its own RSS and peak (VmHWM since the last resetPeak), MB. */
export function readProcesses(pid: number): { pid: number; rssMb: number; peakRssMb: number }[] {
  return processTree(pid).flatMap((p) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      return [{ pid: p, rssMb: kb(status, "VmRSS") / 1024, peakRssMb: kb(status, "VmHWM") / 1024 }];
    } catch {
      return []; // exited between listing and reading
    }
  });
}

/** Starts a new peak: VmHWM drops to the current RSS (writing 5 to clear_refs), so each run reports its own. */
export function resetPeak(pid: number): void {
  for (const p of processTree(pid)) {
    try {
      writeFileSync(`/proc/${p}/clear_refs`, "5");
    } catch {
      // exited, or not ours to reset: the peak then spans earlier runs too
    }
  }
}

function processTree(pid: number): number[] {
  const children: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const list = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      if (list) children.push(...list.split(" ").map(Number));
    }
  } catch {
    return [];
  }
  return [pid, ...children.flatMap(processTree)];
}

function kb(status: string, field: string): number {
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
}

/** CPU time every process on the machine has used (all cores), ms: to see load that is not the bench's own. */
export function machineBusyMs(): number {
  // Interrupt time is left out: it is not clearly anyone's, and would be blamed on "other" processes.
  const [user, nice, system, , , , , steal] =
    readFileSync("/proc/stat", "utf8").split("\n", 1)[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  return (((user ?? 0) + (nice ?? 0) + (system ?? 0) + (steal ?? 0)) / CLK_TCK) * 1000;
}
