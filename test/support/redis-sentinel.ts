import { execFile } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { type RedisServer, startRedis } from "./redis-server.js";

const run = promisify(execFile);

export const SENTINEL_NAME = "gateway-master";

export interface RedisSentinels {
  master: RedisServer;
  replica: RedisServer;
  sentinels: RedisServer[];
  password: string;
  /** REDIS_SENTINELS for the gateway. */
  sentinelList: string;
  /** The port of the master the sentinels name now. */
  masterPort: () => Promise<number>;
  stop: () => Promise<void>;
}

/**
 * A master, its replica and three sentinels (quorum 2) from Debian's redis-server, on free ports. The
 * sentinels call a master down after 1 s without an answer, and promote the replica.
 */
export async function startRedisSentinels(): Promise<RedisSentinels> {
  const master = await startRedis({ args: ["--masterauth", "test-redis-password"] });
  const replica = await startRedis({
    args: ["--replicaof", "127.0.0.1", String(master.port), "--masterauth", master.password],
  });
  const conf = () =>
    [
      `sentinel monitor ${SENTINEL_NAME} 127.0.0.1 ${master.port} 2`,
      `sentinel auth-pass ${SENTINEL_NAME} ${master.password}`,
      `sentinel down-after-milliseconds ${SENTINEL_NAME} 1000`,
      `sentinel failover-timeout ${SENTINEL_NAME} 5000`,
      `sentinel parallel-syncs ${SENTINEL_NAME} 1`,
    ].join("\n");
  const sentinels = await Promise.all(Array.from({ length: 3 }, () => startRedis({ sentinelConfig: conf })));
  const masterPort = async () => {
    const first = sentinels.find((s) => s.alive()) as RedisServer;
    const { stdout } = await run("redis-cli", [
      ...["-p", String(first.port), "sentinel", "get-master-addr-by-name", SENTINEL_NAME],
    ]);
    return Number(stdout.trim().split("\n")[1]);
  };
  // The replica has synced once the master counts it.
  for (let attempt = 0; attempt < 100; attempt++) {
    const { stdout } = await run("redis-cli", [
      ...["-p", String(master.port), "-a", master.password, "--no-auth-warning", "info", "replication"],
    ]);
    if (/connected_slaves:1/.test(stdout) && /state=online/.test(stdout)) break;
    await sleep(100);
  }
  return {
    master,
    replica,
    sentinels,
    password: master.password,
    sentinelList: sentinels.map((s) => `127.0.0.1:${s.port}`).join(","),
    masterPort,
    stop: async () => {
      await Promise.all([master, replica, ...sentinels].map((s) => s.stop()));
    },
  };
}
