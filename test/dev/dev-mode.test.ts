import { type ChildProcess, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { bearer, codes, graphql } from "../support/graphql.js";
import { registerLogSecret } from "../support/leak-watch.js";

interface Dev {
  child: ChildProcess;
  url: string;
  token: string;
  /** The printed lines that make and import a new session. */
  importCommands: string;
}

/** `npm run dev` as a newcomer runs it (through tsx), on a free gateway port; resolves once it printed its help. */
async function startDev(): Promise<Dev> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/dev.ts"], {
    env: { PATH: process.env.PATH, PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("a restart starts both afresh")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`npm run dev exited with ${code}:\n${out}`)));
  });
  const url = /on (http:\/\/\S+\/graphql)/.exec(out)?.[1] as string;
  const token = /session token: (\S+)/.exec(out)?.[1] as string;
  registerLogSecret(token);
  const importCommands = out.slice(out.indexOf("SESSION=$(")).split("\n\n")[0] as string;
  return { child, url, token, importCommands };
}

async function stop(dev: Dev) {
  dev.child.kill("SIGTERM");
  await once(dev.child, "exit");
}

const SESSION = "query { session { identifier active } }";

describe("npm run dev across restarts", () => {
  it("serves the demo session, imports a new one with the printed commands, and starts afresh after a restart", async () => {
    const first = await startDev();
    let oldToken: string;
    try {
      const demo = await graphql<{ session: { identifier: string; active: boolean } }>(
        first.url,
        SESSION,
        {},
        bearer(first.token),
      );
      expect(demo.data?.session).toEqual({ identifier: "demo@example.com", active: true });
      const { stdout } = await promisify(execFile)("bash", ["-c", first.importCommands]);
      const imported = JSON.parse(stdout) as { data: { importSession: { sessionToken: string } } };
      oldToken = imported.data.importSession.sessionToken;
      registerLogSecret(oldToken);
      const fresh = await graphql<{ session: { active: boolean } }>(first.url, SESSION, {}, bearer(oldToken));
      expect(fresh.data?.session.active).toBe(true);
    } finally {
      await stop(first);
    }

    const second = await startDev();
    try {
      // The emulator and the dev store started afresh together: the new demo session works, an old
      // handle is plainly unknown (never a stored session whose Para session is gone).
      const demo = await graphql<{ session: { active: boolean } }>(second.url, SESSION, {}, bearer(second.token));
      expect(demo.data?.session.active).toBe(true);
      expect(codes(await graphql(second.url, SESSION, {}, bearer(oldToken)))).toEqual(["UNAUTHENTICATED"]);
    } finally {
      await stop(second);
    }
  }, 60_000);
});
