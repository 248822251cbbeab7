import { execFile } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { type RedisServer, startRedis } from "./redis-server.js";

const run = promisify(execFile);

export interface RedisCluster {
  nodes: RedisServer[];
  password: string;
  /** REDIS_CLUSTER_NODES for the gateway. */
  nodeList: string;
  /** The nodes that are masters now, by `CLUSTER NODES` as a live node sees them. */
  masters: () => Promise<RedisServer[]>;
  /** Resolves once every live node says the cluster is ok, every slot has a live master and every replica is in sync. */
  healthy: () => Promise<void>;
  stop: () => Promise<void>;
}

const cli = async (node: RedisServer, ...args: string[]) =>
  (await run("redis-cli", ["-p", String(node.port), "-a", node.password, "--no-auth-warning", ...args])).stdout;

/**
 * A Redis Cluster of `masters` masters with one replica each, from Debian's redis-server and
 * `redis-cli --cluster create`, on free ports. A dead master's replica takes over after
 * cluster-node-timeout (1 s here).
 */
export async function startRedisCluster(masters = 3): Promise<RedisCluster> {
  const password = "test-redis-password";
  // No wait before a diskless full sync (Redis waits 5 s for more replicas by default): replicas are in
  // sync within a moment of the cluster's creation.
  const args = ["--cluster-enabled", "yes", "--cluster-node-timeout", "1000", "--masterauth", password];
  args.push("--repl-diskless-sync-delay", "0");
  // Each node writes its cluster state into its own folder (--dir), so the default file name is safe.
  const nodes = await Promise.all(Array.from({ length: masters * 2 }, () => startRedis({ args })));
  const first = nodes[0] as RedisServer;
  await run("redis-cli", [
    ...["--cluster", "create", ...nodes.map((n) => `127.0.0.1:${n.port}`)],
    ...["--cluster-replicas", "1", "--cluster-yes", "-a", password, "--no-auth-warning"],
  ]);
  const alive = () => nodes.filter((n) => n.alive());
  const masterPorts = async () => {
    const table = await cli(alive()[0] ?? first, "cluster", "nodes");
    // <id> <ip:port@bus> <flags> <master> <ping> <pong> <epoch> <link> <slots…>: masters that serve slots.
    return table
      .split("\n")
      .map((line) => line.split(" "))
      .filter((f) => f.length > 8 && f[2]?.split(",").includes("master") && !f[2]?.includes("fail"))
      .map((f) => Number(f[1]?.split("@")[0]?.split(":")[1]));
  };
  const healthy = async () => {
    // A deadline rather than a count of attempts: on a busy machine each attempt's redis-cli calls are slow.
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      const states = await Promise.all(alive().map((n) => cli(n, "cluster", "info").catch(() => "")));
      const live = new Set(alive().map((n) => n.port));
      const serving = (await masterPorts().catch(() => [])).filter((port) => live.has(port));
      const covered = serving.length === masters;
      // A replica that has not finished its first sync refuses to take over ("disconnected from master for
      // longer than allowed"): healthy means every live replica's link to its master is up.
      const replication = await Promise.all(alive().map((n) => cli(n, "info", "replication").catch(() => "")));
      const synced = replication.every((r) => r.includes("role:master") || r.includes("master_link_status:up"));
      if (covered && synced && states.every((s) => s.includes("cluster_state:ok"))) return;
      await sleep(100);
    }
    throw new Error("the Redis cluster did not become healthy");
  };
  await healthy();
  return {
    nodes,
    password,
    nodeList: nodes.map((n) => `127.0.0.1:${n.port}`).join(","),
    masters: async () => {
      const ports = await masterPorts();
      return nodes.filter((n) => ports.includes(n.port));
    },
    healthy,
    stop: async () => {
      await Promise.all(nodes.map((n) => n.stop()));
    },
  };
}
