import { spawnSync } from "node:child_process";
import { REPO_ROOT } from "./children.js";

/**
 * `npm run bench -- --keeper-scale`: the keeper's long run, 5,000 managed 120 s sessions on two replicas
 * for three cycles (test/scale/keeper-scale.test.ts at full size; `npm test` runs it at 1,000 × 30 s).
 * It prints its figures as one `keeper scale:` line. Returns the exit status.
 */
export function runKeeperScale(): number {
  const run = spawnSync("npx", ["vitest", "run", "test/scale/keeper-scale.test.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, KEEPER_SCALE: "full" },
    stdio: "inherit",
  });
  return run.status ?? 1;
}
