import { describe, expect, it } from "vitest";
import { readProcesses } from "../../src/bench/proc-usage.js";
import { startGatewayProcess } from "../support/gateway-process.js";
import { graphql } from "../support/graphql.js";
import { IMPORT } from "../support/operations.js";
import { useEmulator, useTempDir } from "../support/stack.js";

const emulator = useEmulator();
const dir = useTempDir("gateway-memory-");

const LIMIT_MB = 256;
const SESSIONS = 2_000;
const CONCURRENCY = 10;

describe("a gateway under MEMORY_LIMIT_MB", () => {
  it(`imports ${SESSIONS} distinct sessions within ${LIMIT_MB} MB, answering each correctly`, async () => {
    // Started as users start it (node dist/main.js), with an SQLite store as in production.
    const gateway = await startGatewayProcess({
      MEMORY_LIMIT_MB: String(LIMIT_MB),
      SESSION_STORE: `sqlite:${dir.path("sessions.db")}`,
      LOG_LEVEL: "info",
    });
    try {
      const budget = gateway.logs.find((l) => l.msg === "memory budget");
      expect(budget).toMatchObject({ totalMb: LIMIT_MB, workers: 1 });
      const users = await Promise.all(Array.from({ length: 20 }, () => emulator.admin.createUser()));
      let next = 0;
      let wrong = 0;
      let peakMb = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < SESSIONS) {
            const user = users[next++ % users.length] as (typeof users)[number];
            const { session } = await emulator.admin.createSession(user.userId, { excludeSigners: true });
            const res = await graphql<{ importSession: { session: { userId: string } } }>(gateway.url, IMPORT, {
              session,
            });
            if (res.errors || res.data?.importSession.session.userId !== user.userId) wrong++;
            if (next % 250 === 0) {
              peakMb = Math.max(peakMb, sum(readProcesses(gateway.child.pid as number).map((p) => p.rssMb)));
            }
          }
        }),
      );
      expect(wrong).toBe(0);
      const processes = readProcesses(gateway.child.pid as number);
      expect(processes).toHaveLength(2); // the supervisor and its one worker
      expect(gateway.child.exitCode).toBeNull();
      expect(gateway.logs.some((l) => l.msg === "worker died; starting another")).toBe(false);
      const endMb = sum(processes.map((p) => p.rssMb));
      expect(endMb).toBeLessThan(LIMIT_MB);
      expect(peakMb).toBeLessThan(LIMIT_MB);
    } finally {
      await gateway.stop();
    }
  }, 120_000);
});

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
