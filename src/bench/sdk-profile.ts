import { EmulatorAdmin } from "../emulator/admin-client.js";
import { ParaFactory } from "../para/para-factory.js";
import { ParaSession } from "../para/para-session.js";
import { Upstream } from "../para/upstream.js";
import { loadConfig } from "../runtime/config.js";
import { silenceSdkConsole } from "./silence-sdk.js";

/**
 * The SDK's cost per Para-backed operation, as the gateway pays it, with nothing of a server around it:
 * the project's factory, ParaSession.open and one call, run `BENCH_PROFILE_OPS` times per operation,
 * sequentially. Run it under `node --cpu-prof` to see where the time goes; prints CPU ms per operation.
 */
const emulatorUrl = process.env.BENCH_EMULATOR_URL ?? "http://127.0.0.1:8080";
const ops = Number(process.env.BENCH_PROFILE_OPS ?? 400);

silenceSdkConsole();
const config = loadConfig({
  ...process.env,
  NODE_ENV: "development",
  PARA_ENV: "DEV",
  PARA_API_KEY: "dev_public_demo",
  PARA_SECRET_API_KEY: "dev_secret_demo",
});
const factory = new ParaFactory(config);
const upstream = new Upstream(config);
const admin = new EmulatorAdmin(emulatorUrl);
const users: { userId: string; blob: string }[] = [];
for (let i = 0; i < 20; i++) {
  const { userId } = await admin.createUser();
  users.push({ userId, blob: (await admin.createSession(userId, { excludeSigners: true })).session });
}

const operations: Record<string, (s: ParaSession, userId: string) => Promise<unknown>> = {
  touch: (s, userId) => s.isActiveFor(userId),
  keepAlive: (s, userId) => s.keepAlive(userId),
  issueJwt: (s) => s.issueJwt(0),
  openOnly: async () => {},
};

const result: Record<string, number> = {};
for (const [name, operation] of Object.entries(operations)) {
  for (const [round, count] of [["warm", 20] as const, ["measured", ops] as const]) {
    const cpu = process.cpuUsage();
    for (let i = 0; i < count; i++) {
      const user = users[i % users.length] as (typeof users)[0];
      const session = await ParaSession.open(factory, upstream, user.blob);
      await operation(session, user.userId);
    }
    const used = process.cpuUsage(cpu);
    if (round === "measured") result[name] = (used.user + used.system) / 1000 / count;
  }
}
process.stdout.write(`${JSON.stringify({ msg: "profile", ops, cpuMsPerOp: result })}\n`);
process.exit(0);
