import { EmulatorAdmin } from "./emulator/admin-client.js";
import { startEmulator } from "./emulator/index.js";
import { routeConsoleToLogger } from "./para/sdk-console.js";
import { loadConfig } from "./runtime/config.js";
import { createLogger } from "./runtime/logger.js";
import { startGateway } from "./server.js";

/**
 * `npm run dev`: the Para emulator in-process, a demo user with a live session, and the gateway with
 * GraphiQL, its first tab already carrying the demo session's token. The emulator keeps its users and
 * sessions in memory, so the gateway's dev store does too (unless SESSION_STORE says otherwise): after a
 * restart both start afresh together, and no stored session points at a Para session that is gone.
 * GraphiQL's saved tabs keep working: the page swaps the old demo token for the new one (src/plugins/graphiql.ts).
 */
const emulatorPort = Number(process.env.EMULATOR_PORT ?? 8080);
const emulator = await startEmulator({ port: emulatorPort }).catch((error: NodeJS.ErrnoException) => {
  if (error.code !== "EADDRINUSE") throw error;
  process.stderr.write(`Port ${emulatorPort} is in use: is another \`npm run dev\` or \`npm run emulator\` running?\n`);
  process.exit(1);
});
const config = loadConfig({
  PARA_ENV: "DEV",
  PARA_API_KEY: emulator.publicKey,
  PARA_SECRET_API_KEY: emulator.secretKey,
  PARA_JWT_AUDIENCE: emulator.apiKeyId,
  LOG_LEVEL: "warn",
  SESSION_STORE: "memory",
  ...process.env,
  NODE_ENV: "development",
});
const logger = createLogger(config.logLevel);
routeConsoleToLogger(logger);

const admin = new EmulatorAdmin(emulator.url);
const user = await admin.createUser({ email: "demo@example.com", walletTypes: ["EVM", "SOLANA", "COSMOS"] });
const { session } = await admin.createSession(user.userId, { excludeSigners: true });

let token = "";
const gateway = await startGateway(config, logger, { graphiqlHeaders: () => ({ Authorization: `Bearer ${token}` }) });
const imported = await fetch(gateway.url, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({
    query: "mutation Import($session: String!) { importSession(session: $session) { sessionToken } }",
    variables: { session },
  }),
});
const { data } = (await imported.json()) as { data: { importSession: { sessionToken: string } } };
token = data.importSession.sessionToken;

const wallet = user.wallets[0]?.address;
process.stdout.write(`
Para gateway (dev mode) on ${gateway.url}
  Para API emulator on ${emulator.url} (admin API under /_emulator/)
  demo user ${user.identifier}, session token: ${token}

Open ${gateway.url} for GraphiQL (its first tab is ready to run), or paste:

  curl -s ${gateway.url} -H 'content-type: application/json' \\
    -H 'authorization: Bearer ${token}' \\
    -d '{"query":"{ session { identifier active wallets { type address } } verifyWallet(address: \\"${wallet}\\") { verified walletId } }"}'

A new session of the demo user, imported (prints its sessionToken):

  SESSION=$(curl -s -XPOST ${emulator.url}/_emulator/sessions -d '{"userId":"${user.userId}"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).session')
  curl -s ${gateway.url} -H 'content-type: application/json' \\
    -d "{\\"query\\":\\"mutation(\\$s: String!) { importSession(session: \\$s) { sessionToken } }\\",\\"variables\\":{\\"s\\":\\"$SESSION\\"}}"

Browser pages on this machine may call it from any port (http://localhost:*, http://127.0.0.1:*,
http://[::1]:*); allow other origins with CORS_ORIGINS=https://app.example.com,https://*.example.com.

Sessions live in memory, the emulator's and the gateway's alike: a restart starts both afresh, with a
new demo session. GraphiQL keeps your tabs; those that carried the old demo token get the new one.
`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void Promise.all([gateway.close(), emulator.close()]).then(() => process.exit(0)));
}
