import { createHash } from "node:crypto";
import { z } from "zod";
import { type RedisTarget, redisEnvIssues, redisEnvSchema, redisTarget } from "../store/redis-target.js";
import { tracingWanted } from "../telemetry/tracing.js";
import { PARA_API_URLS } from "../verifier/api-urls.js";
import { commaList } from "./comma-list.js";
import { type MemoryBudget, memoryBudget } from "./memory-budget.js";

/** A well-known key for development only; outside dev mode SESSION_ENCRYPTION_KEY is required. */
export const DEV_ENCRYPTION_KEY = "ZGV2LW9ubHktc2Vzc2lvbi1lbmNyeXB0aW9uLWtleSE=";

const encryptionKey = z
  .string()
  .transform((value) => Buffer.from(value, /^[0-9a-fA-F]{64}$/.test(value) ? "hex" : "base64"))
  .refine((key) => key.length === 32, "must be 32 bytes, as 64 hex digits or base64 (openssl rand -base64 32)");

/** Hosts whose traffic never leaves the machine. */
/** The session store when SESSION_STORE is unset: a file beside the gateway, surviving restarts. */
export const DEFAULT_SESSION_STORE = "sqlite:./data/sessions.db";

/** Where the gateway listens when HOST is unset: every interface in production, this machine only in dev mode. */
const defaultHost = (devMode: boolean) => (devMode ? "127.0.0.1" : "0.0.0.0");

/** Loopback names and addresses: traffic to them never leaves the machine. */
export const isLoopback = (host: string) => /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/.test(host);

/** Whether a Host header (`localhost:4000`, `[::1]:4000`) names a loopback host. */
export const namesLoopback = (hostHeader: string) => isLoopback(hostHeader.replace(/:\d+$/, ""));

/** One DNS label, as browsers send it in an Origin (lower case; punycode for international names). */
const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
/** An exact origin: scheme, host and port only. */
const EXACT_ORIGIN = /^https?:\/\/[^/*]+$/;
/** `https://*.example.com[:port]`: any subdomain of a name of at least two labels, never a bare `*`. */
const ORIGIN_PATTERN = new RegExp(`^https?://\\*\\.${LABEL}(?:\\.${LABEL})+(?::\\d{1,5})?$`);
/** A header name (an RFC 9110 token), listed one by one: `*` is no wildcard on credentialed requests. */
const HEADER_NAME = /^[!#$%&'+.^_`|~0-9a-z-]+$/;

/** A comma list of header names, lower-cased; `fallback` when the variable is unset. */
const headerList = (fallback: string[], emptyProblem?: string) =>
  z
    .string()
    .optional()
    .transform((list) =>
      list === undefined
        ? fallback
        : list
            .split(",")
            .map((item) => item.trim().toLowerCase())
            .filter(Boolean),
    )
    .superRefine((names, ctx) => {
      if (names.length === 0 && emptyProblem) ctx.addIssue({ code: "custom", message: emptyProblem });
      for (const name of names.filter((n) => !HEADER_NAME.test(n))) {
        ctx.addIssue({
          code: "custom",
          message: `has "${name}": list header names one by one (a * is no wildcard when credentials are allowed)`,
        });
      }
    });

/** The request headers browser frontends send by default: GraphQL clients, Apollo's, tracing and request ids. */
export const DEFAULT_CORS_ALLOW_HEADERS = [
  "content-type",
  "authorization",
  "apollo-require-preflight",
  "x-graphql-yoga-csrf",
  "apollographql-client-name",
  "apollographql-client-version",
  "sentry-trace",
  "baggage",
  "traceparent",
  "x-request-id",
];

/**
 * The session cookie's name. `__Host-` where it is always Secure and host-only, so that no sibling
 * subdomain can set or shadow it; with COOKIE_DOMAIN it is shared with subdomains and can only be
 * `__Secure-` (still never set over plain HTTP); `para_session` where it is not always Secure.
 */
export function sessionCookieName(secure: "auto" | boolean, domain: string | undefined): string {
  if (secure !== true) return "para_session";
  return domain ? "__Secure-para_session" : "__Host-para_session";
}

/** Where /metrics is served in production unless METRICS_PORT says otherwise: never the public port. */
export const DEFAULT_METRICS_PORT = 9464;

/** Para's longest session: no record or cookie outlives it, whatever a client's cookie string says. */
const MAX_SESSION_DAYS = 30;

const schema = z
  .object({
    // Production unless said otherwise: `npm run dev` says development; nothing falls into dev mode by accident.
    NODE_ENV: z.string().default("production"),
    PARA_ENV: z.enum(["DEV", "SANDBOX", "BETA", "PROD"], {
      errorMap: () => ({ message: "must be one of DEV, SANDBOX, BETA, PROD" }),
    }),
    PARA_API_KEY: z
      .string({ required_error: "is required: your app's public API key from Para's developer portal" })
      .min(1),
    PARA_SECRET_API_KEY: z.string().min(1).optional(),
    PARA_API_URL: z.string().url("must be a URL such as https://api.getpara.com").optional(),
    PARA_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    PARA_BREAKER_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(5),
    PARA_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(10).max(600_000).default(5_000),
    PARA_LOCAL_STARTUP: z.enum(["on", "off"]).default("on"),
    PARA_LEAN_INSTANCE: z.enum(["on", "off"]).default("on"),
    PARA_PARTNER_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
    PARA_STARTUP_DEADLINE_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
    PARA_SESSION_MAX_DAYS: z.coerce.number().min(0.0001).max(MAX_SESSION_DAYS).default(MAX_SESSION_DAYS),
    PARA_JWT_AUDIENCE: z.string().min(1).optional(),
    JWT_CLOCK_TOLERANCE_S: z.coerce.number().int().min(0).max(300).default(5),
    JWKS_REFRESH_MS: z.coerce.number().int().min(1_000).default(600_000),
    JWKS_COOLDOWN_MS: z.coerce.number().int().min(0).default(30_000),
    GATEWAY_API_KEYS: commaList.refine((keys) => keys.every((k) => k.length >= 16), {
      message: "must be a comma-separated list of keys of at least 16 characters (openssl rand -hex 32)",
    }),
    VERIFY_ACCESS: z.enum(["key", "public"]).optional(),
    // `public`: on the gateway's own port (dev mode's default); a number: a port of its own.
    METRICS_PORT: z
      .string()
      .optional()
      .refine((v) => v === undefined || v === "public" || /^\d{1,5}$/.test(v), "must be a port number or public"),
    SESSION_EXPIRING_NOTICE_MS: z.coerce.number().int().min(0).default(120_000),
    KEEPALIVE_MAX_DAYS: z.coerce.number().min(0.0001).max(365).default(30),
    KEEPER_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(1_000),
    KEEPER_LEASE_MS: z.coerce.number().int().min(500).max(3_600_000).default(30_000),
    WALLET_CACHE_SIZE: z.coerce.number().int().min(0).max(10_000_000).default(100_000),
    WALLET_CACHE_TTL_MS: z.coerce.number().int().min(0).default(300_000),
    WALLET_CACHE_NEGATIVE_TTL_MS: z.coerce.number().int().min(0).default(10_000),
    ANSWER_CACHE_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(1_000),
    PARA_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(8),
    WORKERS: z.coerce.number().int().min(1).max(64).default(1),
    WORKER_HANG_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(0)
      .max(3_600_000)
      .default(30_000)
      .refine((ms) => ms === 0 || ms >= 1_000, "is 0 (never) or at least 1000"),
    MEMORY_LIMIT_MB: z.coerce.number().int().min(128).max(1_000_000).optional(),
    PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
    HOST: z.string().optional(),
    SESSION_STORE: z
      .string()
      .regex(
        /^(memory|sqlite:.+|rediss?:\/\/.+|redis-cluster|redis-sentinel)$/,
        "must be memory, sqlite:<path> or redis://[:password@]host:port (or redis-cluster, redis-sentinel)",
      )
      .default(DEFAULT_SESSION_STORE),
    ...redisEnvSchema,
    SESSION_STORE_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(1_000),
    SESSION_STORE_TLS_CA: z.string().optional(),
    SESSION_ENCRYPTION_KEY: encryptionKey.optional(),
    SESSION_ENCRYPTION_OLD_KEYS: commaList.pipe(z.array(encryptionKey)),
    STORE_SIGNERS: z.enum(["true", "false"]).default("false"),
    COOKIE_SECURE: z.enum(["auto", "true", "false"]).optional(),
    COOKIE_SAMESITE: z
      .enum(["lax", "strict", "none"], { errorMap: () => ({ message: "must be lax, strict or none" }) })
      .default("lax"),
    // Empty counts as unset (compose files pass `COOKIE_DOMAIN=` through).
    COOKIE_DOMAIN: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .transform((d) => d.toLowerCase().replace(/^\./, ""))
        .refine((d) => new RegExp(`^${LABEL}(\\.${LABEL})*$`).test(d), {
          message: "must be a host name such as example.com (no scheme, port or path)",
        })
        .optional(),
    ),
    PERSISTED_OPERATIONS: z.enum(["allow", "only"]).optional(),
    SCHEMA_MODE: z.enum(["standalone", "subgraph"]).default("standalone"),
    TRUSTED_DOCUMENTS_DIR: z.string().min(1).optional(),
    APQ_MAX_ENTRIES: z.coerce.number().int().min(0).max(1_000_000).default(1_000),
    APQ_MAX_BYTES: z.coerce.number().int().min(0).max(1_000_000_000).default(4_000_000),
    CORS_ORIGINS: commaList
      .transform((origins) => origins.map((o) => o.toLowerCase()))
      .superRefine((origins, ctx) => {
        for (const origin of origins) {
          if (origin.includes("*") ? ORIGIN_PATTERN.test(origin) : EXACT_ORIGIN.test(origin)) continue;
          ctx.addIssue({
            code: "custom",
            message: origin.includes("*")
              ? `has "${origin}": a * may only stand for the subdomains of a name of at least two labels, as in https://*.example.com (not *, https://*, https://a*.example.com or https://*.com)`
              : `has "${origin}": list origins such as https://app.example.com (scheme, host and port; no path)`,
          });
        }
      }),
    // Empty would not mean "none": Yoga would then allow whatever a preflight asks for.
    CORS_ALLOW_HEADERS: headerList(
      DEFAULT_CORS_ALLOW_HEADERS,
      "is empty: name the headers browsers may send (at least content-type), or leave it unset for the default list",
    ),
    CORS_EXPOSE_HEADERS: headerList(["x-request-id", "x-trace-id"]),
    MAX_REQUEST_BYTES: z.coerce.number().int().min(1024).max(50_000_000).default(1_000_000),
    MAX_SESSION_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(10_000_000)
      .default(256 * 1024),
    MAX_STORED_SESSION_BYTES: z.coerce.number().int().min(4096).max(20_000_000).optional(),
    MAX_DOCUMENT_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(32_768),
    MAX_VARIABLES_DEPTH: z.coerce.number().int().min(2).max(1000).default(16),
    MAX_SESSIONS_PER_USER: z.coerce.number().int().min(1).max(10_000).default(20),
    MAX_MANAGED_SESSIONS_PER_USER: z.coerce.number().int().min(0).max(10_000).default(5),
    STREAMS_PER_PROCESS: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
    STREAMS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(50),
    STREAMS_PER_USER: z.coerce.number().int().min(1).max(10_000).default(10),
    STREAM_IDLE_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(900_000),
    CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(0).max(1_000_000).optional(),
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
    HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(10_000),
    KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
    MAX_BATCH: z.coerce.number().int().min(1).max(100).default(5),
    MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(8),
    MAX_ALIASES: z.coerce.number().int().min(1).max(1000).default(15),
    MAX_COST: z.coerce.number().int().min(10).max(1_000_000).default(1000),
    MAX_TOKENS: z.coerce.number().int().min(100).max(1_000_000).default(2000),
    MAX_ADDRESSES: z.coerce.number().int().min(1).max(10_000).default(100),
    INTROSPECTION: z.enum(["on", "off"]).optional(),
    RATE_LIMITS: z.enum(["on", "off"]).default("on"),
    RATE_LIMIT_IMPORTS: z.coerce.number().int().min(1).default(30),
    RATE_LIMIT_VERIFY: z.coerce.number().int().min(1).default(600),
    RATE_LIMIT_SESSION: z.coerce.number().int().min(1).default(600),
    RATE_LIMIT_UNKNOWN_SESSIONS: z.coerce.number().int().min(1).default(30),
    TRUST_PROXY: z
      .string()
      .default("false")
      .refine((v) => /^(true|false|\d{1,2})$/.test(v), "must be false, true (one proxy) or the number of proxies")
      .transform((v) => (v === "true" ? 1 : v === "false" ? 0 : Number(v))),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((env, ctx) => {
    const devMode = env.NODE_ENV === "development";
    for (const { path, message } of redisEnvIssues(env)) ctx.addIssue({ code: "custom", path: [path], message });
    if (!devMode && !env.SESSION_ENCRYPTION_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_ENCRYPTION_KEY"],
        message: "is required outside dev mode (NODE_ENV=development): openssl rand -base64 32",
      });
    }
    const publishedKey = Buffer.from(DEV_ENCRYPTION_KEY, "base64");
    if (
      !devMode &&
      [env.SESSION_ENCRYPTION_KEY, ...env.SESSION_ENCRYPTION_OLD_KEYS].some((k) => k?.equals(publishedKey))
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_ENCRYPTION_KEY"],
        message: "is the published dev key, which seals nothing outside dev mode: openssl rand -base64 32",
      });
    }
    const host = env.HOST ?? defaultHost(devMode);
    if (devMode && !env.SESSION_ENCRYPTION_KEY && !isLoopback(host)) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_ENCRYPTION_KEY"],
        message: `is required when HOST (${host}) is not loopback: the dev key is public and serves only this machine`,
      });
    }
    if (!devMode && env.PARA_API_URL) {
      const url = new URL(env.PARA_API_URL);
      if (url.protocol !== "https:" && !isLoopback(url.hostname)) {
        ctx.addIssue({
          code: "custom",
          path: ["PARA_API_URL"],
          message: "must be https:// outside dev mode: it receives the secret API key",
        });
      }
    }
    const cookieSecure = env.COOKIE_SECURE ?? (devMode ? "auto" : "true");
    if (env.COOKIE_SAMESITE === "none" && cookieSecure !== "true") {
      ctx.addIssue({
        code: "custom",
        path: ["COOKIE_SAMESITE"],
        message: `is none, which needs COOKIE_SECURE=true (it is ${cookieSecure}${env.COOKIE_SECURE ? "" : ", dev mode's default"}): browsers drop SameSite=None cookies that are not Secure, so serve the gateway over HTTPS`,
      });
    }
    const persisted = env.PERSISTED_OPERATIONS ?? (devMode ? "allow" : "only");
    if (env.SCHEMA_MODE === "subgraph" && persisted === "only" && env.GATEWAY_API_KEYS.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["GATEWAY_API_KEYS"],
        message:
          "is required with SCHEMA_MODE=subgraph and trusted documents only: the router's query plans are no trusted documents, so the router sends one of these keys as X-Gateway-Key",
      });
    }
    if (env.WORKERS > 1 && env.SESSION_STORE === "memory") {
      ctx.addIssue({
        code: "custom",
        path: ["WORKERS"],
        message: `is ${env.WORKERS}, but SESSION_STORE=memory keeps each worker's sessions to itself: a session imported through one would be unknown to the others. Use sqlite:<path> (the default) or Redis`,
      });
    }
    const prefix = env.PARA_API_KEY?.includes("_") ? env.PARA_API_KEY.split("_")[0]?.toUpperCase() : undefined;
    if (prefix && prefix !== env.PARA_ENV && !(prefix === "DEV" && env.PARA_ENV === "SANDBOX")) {
      ctx.addIssue({
        code: "custom",
        path: ["PARA_API_KEY"],
        message: `starts with "${prefix.toLowerCase()}_" but PARA_ENV is ${env.PARA_ENV}: the SDK takes the environment from that prefix`,
      });
    }
  });

export type ParaEnv = keyof typeof PARA_API_URLS;

export interface Config {
  devMode: boolean;
  para: {
    env: ParaEnv;
    apiKey: string;
    secretApiKey: string | undefined;
    apiUrl: string;
    timeoutMs: number;
    /** Consecutive failures that open the circuit breaker, and how long it stays open. */
    breakerThreshold: number;
    breakerCooldownMs: number;
    concurrency: number;
    /** Fresh instances start without calling Para (from a kept partner record); off: the SDK's own start-up. */
    localStartup: boolean;
    /** Per-request instances built without the SDK's browser state machines (only its Para API client); off: full ones. */
    leanInstance: boolean;
    partnerTtlMs: number;
    startupDeadlineMs: number;
    /** Para's longest session: the cap on every expiry the gateway records. */
    sessionMaxMs: number;
  };
  /**
   * Local verification of Para's JWTs against its key set. `audience`: the app's API key id (tokens must
   * carry it), `any` (every app's tokens, said explicitly), or undefined (verifyJwt is NOT_CONFIGURED).
   */
  jwt: { audience: string | undefined; clockToleranceSeconds: number; refreshMs: number; cooldownMs: number };
  /** SHA-256 digests of the backend keys (X-Gateway-Key) that open the verify operations. */
  gatewayKeyDigests: Buffer[];
  /** `key`: verifyWallet(s) and verifySession need a gateway key; `public`: anyone may call them. */
  verifyAccess: "key" | "public";
  /** Where /metrics is served: on a port of its own (production's default, 9464), or on the gateway's (`public`). */
  metricsPort: number | "public";
  /**
   * The session keeper: how often it looks for due sessions, how long a claim on one lasts (another
   * replica takes it after that if this one died), and the longest a session is kept alive.
   */
  keeper: { intervalMs: number; leaseMs: number; maxLifetimeMs: number };
  /** sessionEvents' EXPIRING comes this long before the expiry, when nothing extended the session. */
  expiringNoticeMs: number;
  /** Wallet verifications remembered: owned addresses for ttlMs, unowned ones for negativeTtlMs. */
  walletCache: { size: number; ttlMs: number; negativeTtlMs: number };
  /** Whole answers of the verify operations kept for reuse (0: none), each for as long as its fields allow. */
  answerCacheSize: number;
  /** Gateway processes on this machine (node:cluster), sharing the port. */
  workers: number;
  /** A worker silent this long (its event loop stuck) is killed and replaced; 0: never. */
  workerHangTimeoutMs: number;
  /** Each process's share of MEMORY_LIMIT_MB or the container's limit; undefined when there is none. */
  memory: MemoryBudget | undefined;
  port: number;
  host: string;
  sessionStore: string;
  /** The Redis SESSION_STORE names (one server, a cluster, or sentinels); undefined when the store is not Redis. */
  redis: RedisTarget | undefined;
  storeTimeoutMs: number;
  storeTlsCaFile: string | undefined;
  /** The first key encrypts; every key decrypts (for rotation). */
  encryptionKeys: Buffer[];
  storeSigners: boolean;
  cookieSecure: "auto" | boolean;
  /** See sessionCookieName: `__Host-`, `__Secure-` (with a Domain) or plain `para_session`. */
  cookieName: string;
  /** The cookie's SameSite; `none` only with a Secure cookie (the configuration refuses it otherwise). */
  cookieSameSite: "lax" | "strict" | "none";
  /** The cookie's Domain attribute (shared with subdomains); undefined: host-only. */
  cookieDomain: string | undefined;
  /** `only`: execute nothing but trusted documents (the gateway's own, and frontends' registered ones). */
  persistedOperations: "allow" | "only";
  /** standalone: the gateway's own schema; subgraph: the same as an Apollo Federation 2 subgraph (schema/federation/). */
  schemaMode: "standalone" | "subgraph";
  /** A folder of frontends' manifests (one JSON file per client and version), read at start and on change. */
  trustedDocumentsDir: string | undefined;
  /**
   * Automatic Persisted Queries where any operation runs (`allow`): the texts clients sent with their hash,
   * kept in this process (least recently used out first) up to both bounds; undefined with `only` or a bound of 0.
   */
  apq: { maxEntries: number; maxBytes: number } | undefined;
  /** Bounds on requests and operations (bad input is refused with a code, early). */
  limits: {
    maxRequestBytes: number;
    maxSessionBytes: number;
    maxBatch: number;
    maxDepth: number;
    maxAliases: number;
    maxCost: number;
    maxTokens: number;
    maxAddresses: number;
    /** A stored session record's ceiling (sealed JSON). */
    maxStoredSessionBytes: number;
    /** An operation's text, comments and white space included. */
    maxDocumentBytes: number;
    maxVariablesDepth: number;
    maxSessionsPerUser: number;
    maxManagedSessionsPerUser: number;
  };
  /** Open sessionEvents streams: per process, per client address, per user; and how long one may go without an event. */
  streams: { perProcess: number; perAddress: number; perUser: number; idleTimeoutMs: number };
  /** The HTTP server's own bounds: connections per client address (0: off, a proxy's job), and its timeouts. */
  connections: { perAddress: number; requestTimeoutMs: number; headersTimeoutMs: number; keepAliveTimeoutMs: number };
  introspection: boolean;
  /** Per-minute budgets; undefined when RATE_LIMITS=off. */
  rateLimits:
    | { importsPerMinute: number; verifyPerMinute: number; sessionPerMinute: number; unknownSessionsPerMinute: number }
    | undefined;
  /** Proxies in front of the gateway: the client address is this many X-Forwarded-For entries from the right. */
  trustProxyHops: number;
  /** Browser origins allowed to call with credentials (exact, or `https://*.example.com`); no CORS for any other. */
  corsOrigins: string[];
  /** Dev mode: pages on this machine too (http://localhost, 127.0.0.1 or [::1], on any port). */
  corsLoopback: boolean;
  /** Request headers a browser may send (preflight), and response headers its scripts may read. */
  corsAllowHeaders: string[];
  corsExposeHeaders: string[];
  logLevel: string;
  /** OpenTelemetry traces, asked for by the standard OTEL_* variables (src/telemetry/tracing.ts). */
  tracing: boolean;
}

/** The form in which backend keys are kept and compared: never the key itself. */
/** Every environment variable the configuration reads (the docs' settings table is checked against it). */
export const SETTING_NAMES: readonly string[] = Object.keys(schema.innerType().shape);

export const gatewayKeyDigest = (key: string) => createHash("sha256").update(key).digest();

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Reads and validates the configuration, reporting every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`));
  }
  const e = parsed.data;
  const devMode = e.NODE_ENV === "development";
  const cookieSecureSetting = e.COOKIE_SECURE ?? (devMode ? "auto" : "true");
  const cookieSecure = cookieSecureSetting === "auto" ? "auto" : cookieSecureSetting === "true";
  const memory = memoryBudget(e.MEMORY_LIMIT_MB, e.WORKERS);
  const persistedOperations = e.PERSISTED_OPERATIONS ?? (devMode ? "allow" : "only");
  return {
    devMode,
    para: {
      env: e.PARA_ENV,
      apiKey: e.PARA_API_KEY,
      secretApiKey: e.PARA_SECRET_API_KEY,
      apiUrl: (e.PARA_API_URL ?? PARA_API_URLS[e.PARA_ENV]).replace(/\/+$/, ""),
      timeoutMs: e.PARA_TIMEOUT_MS,
      breakerThreshold: e.PARA_BREAKER_THRESHOLD,
      breakerCooldownMs: e.PARA_BREAKER_COOLDOWN_MS,
      concurrency: e.PARA_CONCURRENCY,
      localStartup: e.PARA_LOCAL_STARTUP === "on",
      leanInstance: e.PARA_LEAN_INSTANCE === "on",
      partnerTtlMs: e.PARA_PARTNER_TTL_MS,
      startupDeadlineMs: e.PARA_STARTUP_DEADLINE_MS,
      sessionMaxMs: Math.round(e.PARA_SESSION_MAX_DAYS * 24 * 60 * 60 * 1000),
    },
    jwt: {
      audience: e.PARA_JWT_AUDIENCE,
      clockToleranceSeconds: e.JWT_CLOCK_TOLERANCE_S,
      refreshMs: e.JWKS_REFRESH_MS,
      cooldownMs: e.JWKS_COOLDOWN_MS,
    },
    gatewayKeyDigests: e.GATEWAY_API_KEYS.map(gatewayKeyDigest),
    verifyAccess: e.VERIFY_ACCESS ?? (devMode ? "public" : "key"),
    metricsPort:
      e.METRICS_PORT === "public" || (e.METRICS_PORT === undefined && devMode)
        ? "public"
        : Number(e.METRICS_PORT ?? DEFAULT_METRICS_PORT),
    expiringNoticeMs: e.SESSION_EXPIRING_NOTICE_MS,
    keeper: {
      intervalMs: e.KEEPER_INTERVAL_MS,
      leaseMs: e.KEEPER_LEASE_MS,
      maxLifetimeMs: Math.round(e.KEEPALIVE_MAX_DAYS * 24 * 60 * 60 * 1000),
    },
    walletCache: {
      size: Math.min(e.WALLET_CACHE_SIZE, memory?.walletCacheEntries ?? Number.POSITIVE_INFINITY),
      ttlMs: e.WALLET_CACHE_TTL_MS,
      negativeTtlMs: e.WALLET_CACHE_NEGATIVE_TTL_MS,
    },
    answerCacheSize: e.ANSWER_CACHE_SIZE,
    workers: e.WORKERS,
    workerHangTimeoutMs: e.WORKER_HANG_TIMEOUT_MS,
    memory,
    port: e.PORT,
    host: e.HOST ?? defaultHost(devMode),
    sessionStore: e.SESSION_STORE,
    redis: redisTarget(e),
    storeTimeoutMs: e.SESSION_STORE_TIMEOUT_MS,
    storeTlsCaFile: e.SESSION_STORE_TLS_CA,
    encryptionKeys: [
      e.SESSION_ENCRYPTION_KEY ?? Buffer.from(DEV_ENCRYPTION_KEY, "base64"),
      ...e.SESSION_ENCRYPTION_OLD_KEYS,
    ],
    storeSigners: e.STORE_SIGNERS === "true",
    cookieSecure,
    cookieName: sessionCookieName(cookieSecure, e.COOKIE_DOMAIN),
    cookieSameSite: e.COOKIE_SAMESITE,
    cookieDomain: e.COOKIE_DOMAIN,
    persistedOperations,
    schemaMode: e.SCHEMA_MODE,
    trustedDocumentsDir: e.TRUSTED_DOCUMENTS_DIR,
    apq:
      persistedOperations === "allow" && e.APQ_MAX_ENTRIES > 0 && e.APQ_MAX_BYTES > 0
        ? { maxEntries: e.APQ_MAX_ENTRIES, maxBytes: e.APQ_MAX_BYTES }
        : undefined,
    corsOrigins: e.CORS_ORIGINS,
    corsLoopback: devMode,
    corsAllowHeaders: e.CORS_ALLOW_HEADERS,
    corsExposeHeaders: e.CORS_EXPOSE_HEADERS,
    limits: {
      maxRequestBytes: e.MAX_REQUEST_BYTES,
      maxSessionBytes: e.MAX_SESSION_BYTES,
      maxBatch: e.MAX_BATCH,
      maxDepth: e.MAX_DEPTH,
      maxAliases: e.MAX_ALIASES,
      maxCost: e.MAX_COST,
      maxTokens: e.MAX_TOKENS,
      maxAddresses: e.MAX_ADDRESSES,
      // Without signers a record is Para's claims and a cookie: a few KB. Signers, when kept, come on top.
      maxStoredSessionBytes:
        e.MAX_STORED_SESSION_BYTES ?? (e.STORE_SIGNERS === "true" ? 16_384 + e.MAX_SESSION_BYTES : 16_384),
      maxDocumentBytes: e.MAX_DOCUMENT_BYTES,
      maxVariablesDepth: e.MAX_VARIABLES_DEPTH,
      maxSessionsPerUser: e.MAX_SESSIONS_PER_USER,
      maxManagedSessionsPerUser: e.MAX_MANAGED_SESSIONS_PER_USER,
    },
    streams: {
      perProcess: e.STREAMS_PER_PROCESS,
      perAddress: e.STREAMS_PER_ADDRESS,
      perUser: e.STREAMS_PER_USER,
      idleTimeoutMs: e.STREAM_IDLE_TIMEOUT_MS,
    },
    connections: {
      // Behind proxies every connection comes from a proxy: the budget per client address is theirs to keep.
      perAddress: e.CONNECTIONS_PER_ADDRESS ?? (e.TRUST_PROXY > 0 ? 0 : 256),
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
      headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
      keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_MS,
    },
    rateLimits:
      e.RATE_LIMITS === "off"
        ? undefined
        : {
            importsPerMinute: e.RATE_LIMIT_IMPORTS,
            verifyPerMinute: e.RATE_LIMIT_VERIFY,
            sessionPerMinute: e.RATE_LIMIT_SESSION,
            unknownSessionsPerMinute: e.RATE_LIMIT_UNKNOWN_SESSIONS,
          },
    trustProxyHops: e.TRUST_PROXY,
    introspection: (e.INTROSPECTION ?? (devMode ? "on" : "off")) === "on",
    logLevel: e.LOG_LEVEL,
    tracing: tracingWanted(env),
  };
}
