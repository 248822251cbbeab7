import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorAdmin } from "../../src/emulator/admin-client.js";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { startGatewayProcess, TEST_ENCRYPTION_KEY } from "../support/gateway-process.js";
import { bearer, graphql } from "../support/graphql.js";
import { findLeaks } from "../support/leak-watch.js";
import {
  END_SESSION,
  IMPORT,
  ISSUE_JWT,
  KEEP_ALIVE,
  SESSION,
  VERIFY_SESSION,
  VERIFY_WALLETS,
} from "../support/operations.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator?.close());

describe("secrets", () => {
  it("never appear in a response or a log line, at the most verbose log level, through success, errors and faults", async () => {
    const admin = new EmulatorAdmin(emulator.url);
    const gateway = await startGatewayProcess({ LOG_LEVEL: "trace", STORE_SIGNERS: "true" });
    const responses: string[] = [];
    const tokens: string[] = [];
    const send = async (
      query: string,
      variables: Record<string, unknown> = {},
      headers: Record<string, string> = {},
    ) => {
      const res = await graphql(gateway.url, query, variables, headers);
      responses.push(JSON.stringify({ data: res.data, errors: res.errors }), res.headers.get("set-cookie") ?? "");
      return res;
    };
    try {
      const user = await admin.createUser({ walletTypes: ["EVM", "SOLANA", "COSMOS"] });
      const { session, verificationToken } = await admin.createSession(user.userId); // with signers
      const imported = await send(IMPORT, { session });
      const token = (imported.data as { importSession: { sessionToken: string } }).importSession.sessionToken;
      tokens.push(token);
      for (const op of [SESSION, ISSUE_JWT, KEEP_ALIVE]) await send(op, {}, bearer(token));
      await send(VERIFY_SESSION, { token: verificationToken });
      await send(VERIFY_WALLETS, { addresses: user.wallets.map((w) => w.address) });
      // errors: a broken blob, a blob with its cookie, a garbled token, Para failing
      await send(IMPORT, { session: session.slice(0, -10) });
      await send(IMPORT, { session: Buffer.from("{").toString("base64") + session });
      await send(SESSION, {}, bearer(`${token}x`));
      await admin.configure({ fault: { mode: "error500" } });
      await send(ISSUE_JWT, {}, bearer(token));
      await admin.configure({ fault: { mode: "malformed" } });
      await send(VERIFY_SESSION, { token: verificationToken });
      await admin.configure({ fault: { mode: "none" } });
      await send(END_SESSION, {}, bearer(token));

      const blobSigners = Object.values(
        JSON.parse(Buffer.from(session, "base64").toString()).wallets as Record<string, { signer: string }>,
      ).map((w) => w.signer);
      const secrets = ["dev_secret_demo", TEST_ENCRYPTION_KEY, session, ...blobSigners];
      const leaks = findLeaks({ responses: responses.join("\n"), logs: gateway.output() }, secrets, tokens);
      expect(leaks).toEqual([]);
      expect(gateway.logs.length).toBeGreaterThan(20); // it did log, verbosely
    } finally {
      await gateway.stop();
    }
  });
});
