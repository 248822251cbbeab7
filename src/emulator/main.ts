import { startEmulator } from "./index.js";

/**
 * `npm run emulator`: the emulator alone, on EMULATOR_PORT (8080 by default, where the SDK's DEV environment
 * looks) and EMULATOR_HOST (127.0.0.1).
 */
const port = Number(process.env.EMULATOR_PORT ?? 8080);
const emulator = await startEmulator({ port });
console.log(`Para API emulator listening on ${emulator.url}`);
console.log(`  public key: ${emulator.publicKey} (the secret key is in docs/emulator.md; it is never logged)`);
console.log(`  admin API:  ${emulator.url}/_emulator/  (POST users, POST sessions, PUT config, GET stats)`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void emulator.close().then(() => process.exit(0)));
}
