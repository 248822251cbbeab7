import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// V8 pretenures an allocation site once its objects mostly survive scavenges; fresh SDK instances, one per
// request, tipped it over, and then instances built and dropped at once still reached the old space. The
// gateway turns that off (src/para/young-instances.ts). Counted from V8's own trace of each scavenge.

const CHURN = fileURLToPath(new URL("./fixtures/instance-churn.ts", import.meta.url));

/** KB promoted to the old space per `Para` object, over 20,000 built as full instances' requests build them. */
function promotedPerInstance(variant: "tuned" | "untuned"): number {
  const run = spawnSync(
    process.execPath,
    ["--max-semi-space-size=8", "--trace-gc-nvp", "--import", "tsx", CHURN, variant],
    { encoding: "utf8", maxBuffer: 64 * 2 ** 20 },
  );
  expect(run.status, run.stderr).toBe(0);
  const lines = run.stdout.split("\n");
  const start = lines.indexOf("=== START");
  const end = lines.findIndex((line) => line.startsWith("=== END "));
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  const instances = Number(lines[end]?.slice("=== END ".length));
  const promoted = lines
    .slice(start, end)
    .filter((line) => line.includes(" gc=s "))
    .reduce((sum, line) => sum + Number(/ promoted=(\d+)/.exec(line)?.[1] ?? 0), 0);
  return promoted / instances / 1024;
}

describe("SDK instances and V8's pretenuring", () => {
  it("keeps Para objects built per request young: less than half of what V8's default promotes", () => {
    const untuned = promotedPerInstance("untuned");
    const tuned = promotedPerInstance("tuned");
    // The other way round would mean V8 no longer pretenures here, and keepSdkInstancesYoung can go.
    expect(untuned, "V8's default promoted little: the setting may no longer be needed").toBeGreaterThan(6);
    expect(tuned).toBeLessThan(untuned / 2);
  }, 60_000);
});
