import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("the package's typed documents", () => {
  it("type-check in a consumer that imports them from para-graphql-gateway/client", async () => {
    const tsc = run(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "test/client/consumer/tsconfig.json"]);
    await expect(tsc).resolves.toMatchObject({ stdout: "" });
  });
});
