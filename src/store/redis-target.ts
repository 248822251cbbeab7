import { z } from "zod";
import { commaList } from "../runtime/comma-list.js";

export interface RedisNode {
  host: string;
  port: number;
}

/** Credentials and TLS for the nodes of a cluster, or the master and replicas behind sentinels. */
export interface RedisAuth {
  username: string | undefined;
  password: string | undefined;
  tls: boolean;
}

/**
 * Which Redis the gateway uses (SESSION_STORE): one server by URL (`redis://…`, `rediss://…`), a
 * Redis Cluster (`redis-cluster`, REDIS_CLUSTER_NODES), or a master found through Sentinel
 * (`redis-sentinel`, REDIS_SENTINELS and REDIS_SENTINEL_NAME).
 */
export type RedisTarget =
  | { kind: "single"; url: string }
  | { kind: "cluster"; nodes: RedisNode[]; auth: RedisAuth }
  | { kind: "sentinel"; sentinels: RedisNode[]; name: string; auth: RedisAuth; sentinelPassword: string | undefined };

const nodeList = commaList.refine(
  (nodes) => nodes.every((n) => /^[^\s:]+:\d{1,5}$/.test(n)),
  "must be a comma-separated list of host:port",
);

/** The environment variables that describe a cluster or sentinels (config.ts merges them into its schema). */
export const redisEnvSchema = {
  REDIS_CLUSTER_NODES: nodeList,
  REDIS_SENTINELS: nodeList,
  REDIS_SENTINEL_NAME: z.string().min(1).optional(),
  REDIS_USERNAME: z.string().min(1).optional(),
  REDIS_PASSWORD: z.string().min(1).optional(),
  REDIS_SENTINEL_PASSWORD: z.string().min(1).optional(),
  REDIS_TLS: z.enum(["on", "off"]).default("off"),
};

type RedisEnv = { SESSION_STORE: string } & z.output<z.ZodObject<typeof redisEnvSchema>>;

/** What is missing for the SESSION_STORE chosen, as config issues. */
export function redisEnvIssues(env: RedisEnv): { path: string; message: string }[] {
  if (env.SESSION_STORE === "redis-cluster" && env.REDIS_CLUSTER_NODES.length === 0)
    return [{ path: "REDIS_CLUSTER_NODES", message: "is required with SESSION_STORE=redis-cluster: host:port,…" }];
  if (env.SESSION_STORE === "redis-sentinel" && (env.REDIS_SENTINELS.length === 0 || !env.REDIS_SENTINEL_NAME))
    return [
      {
        path: "REDIS_SENTINELS",
        message: "and REDIS_SENTINEL_NAME are required with SESSION_STORE=redis-sentinel",
      },
    ];
  return [];
}

const node = (n: string): RedisNode => {
  const at = n.lastIndexOf(":");
  return { host: n.slice(0, at), port: Number(n.slice(at + 1)) };
};

/** The Redis SESSION_STORE names, or undefined when the store is not Redis. */
export function redisTarget(env: RedisEnv): RedisTarget | undefined {
  const auth = { username: env.REDIS_USERNAME, password: env.REDIS_PASSWORD, tls: env.REDIS_TLS === "on" };
  if (/^rediss?:\/\//.test(env.SESSION_STORE)) return { kind: "single", url: env.SESSION_STORE };
  if (env.SESSION_STORE === "redis-cluster") return { kind: "cluster", nodes: env.REDIS_CLUSTER_NODES.map(node), auth };
  if (env.SESSION_STORE === "redis-sentinel")
    return {
      kind: "sentinel",
      sentinels: env.REDIS_SENTINELS.map(node),
      name: env.REDIS_SENTINEL_NAME as string,
      auth,
      sentinelPassword: env.REDIS_SENTINEL_PASSWORD,
    };
  return undefined;
}
