import { z } from "zod";

const PARA_API_URLS = {
  DEV: "http://localhost:8080",
  SANDBOX: "https://api.sandbox.getpara.com",
  BETA: "https://api.beta.getpara.com",
  PROD: "https://api.getpara.com",
} as const;

/** A well-known key for development only; outside dev mode SESSION_ENCRYPTION_KEY is required. */
export const DEV_ENCRYPTION_KEY = "ZGV2LW9ubHktc2Vzc2lvbi1lbmNyeXB0aW9uLWtleSE=";

const encryptionKey = z
  .string()
  .transform((value) => Buffer.from(value, /^[0-9a-fA-F]{64}$/.test(value) ? "hex" : "base64"))
  .refine((key) => key.length === 32, "must be 32 bytes, as 64 hex digits or base64 (openssl rand -base64 32)");

/** A comma-separated list in one variable; empty when unset. */
const commaList = z
  .string()
  .default("")
  .transform((list) =>
    list
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean),
  );

const schema = z
  .object({
    NODE_ENV: z.string().default("development"),
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
    PARA_POOL_SIZE: z.coerce.number().int().min(0).max(256).default(8),
    WALLET_CACHE_SIZE: z.coerce.number().int().min(0).max(10_000_000).default(100_000),
    WALLET_CACHE_TTL_MS: z.coerce.number().int().min(0).default(300_000),
    WALLET_CACHE_NEGATIVE_TTL_MS: z.coerce.number().int().min(0).default(10_000),
    PARA_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(8),
    WORKERS: z.coerce.number().int().min(1).max(64).default(1),
    PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
    HOST: z.string().default("0.0.0.0"),
    SESSION_STORE: z
      .string()
      .regex(/^(memory|sqlite:.+|rediss?:\/\/.+)$/, "must be memory, sqlite:<path> or redis://[:password@]host:port")
      .default("sqlite:./data/sessions.db"),
    SESSION_STORE_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(1_000),
    SESSION_STORE_TLS_CA: z.string().optional(),
    SESSION_ENCRYPTION_KEY: encryptionKey.optional(),
    SESSION_ENCRYPTION_OLD_KEYS: commaList.pipe(z.array(encryptionKey)),
    STORE_SIGNERS: z.enum(["true", "false"]).default("false"),
    COOKIE_SECURE: z.enum(["auto", "true", "false"]).default("auto"),
    PERSISTED_OPERATIONS: z.enum(["allow", "only"]).optional(),
    CORS_ORIGINS: commaList.refine((origins) => origins.every((o) => /^https?:\/\/[^/]+$/.test(o)), {
      message: "must be a comma-separated list of origins such as https://app.example.com (no paths, no *)",
    }),
    MAX_REQUEST_BYTES: z.coerce.number().int().min(1024).max(50_000_000).default(1_000_000),
    MAX_SESSION_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(10_000_000)
      .default(256 * 1024),
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
    TRUST_PROXY: z.enum(["true", "false"]).default("false"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_ENCRYPTION_KEY) {
      ctx.addIssue({ code: "custom", path: ["SESSION_ENCRYPTION_KEY"], message: "is required outside dev mode" });
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
    /** SDK instances built ahead of demand. */
    poolSize: number;
  };
  /** Wallet verifications remembered: owned addresses for ttlMs, unowned ones for negativeTtlMs. */
  walletCache: { size: number; ttlMs: number; negativeTtlMs: number };
  /** Gateway processes on this machine (node:cluster), sharing the port. */
  workers: number;
  port: number;
  host: string;
  sessionStore: string;
  storeTimeoutMs: number;
  storeTlsCaFile: string | undefined;
  /** The first key encrypts; every key decrypts (for rotation). */
  encryptionKeys: Buffer[];
  storeSigners: boolean;
  cookieSecure: "auto" | boolean;
  /** `only`: execute nothing but the trusted documents of the manifest. */
  persistedOperations: "allow" | "only";
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
  };
  introspection: boolean;
  /** Per-minute budgets; undefined when RATE_LIMITS=off. */
  rateLimits: { importsPerMinute: number; verifyPerMinute: number; sessionPerMinute: number } | undefined;
  /** Take the client address from X-Forwarded-For (behind a proxy that sets it). */
  trustProxy: boolean;
  /** Browser origins allowed to call with credentials; no CORS for any other. */
  corsOrigins: string[];
  logLevel: string;
}

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
  const devMode = e.NODE_ENV !== "production";
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
      poolSize: e.PARA_POOL_SIZE,
    },
    walletCache: {
      size: e.WALLET_CACHE_SIZE,
      ttlMs: e.WALLET_CACHE_TTL_MS,
      negativeTtlMs: e.WALLET_CACHE_NEGATIVE_TTL_MS,
    },
    workers: e.WORKERS,
    port: e.PORT,
    host: e.HOST,
    sessionStore: e.SESSION_STORE,
    storeTimeoutMs: e.SESSION_STORE_TIMEOUT_MS,
    storeTlsCaFile: e.SESSION_STORE_TLS_CA,
    encryptionKeys: [
      e.SESSION_ENCRYPTION_KEY ?? Buffer.from(DEV_ENCRYPTION_KEY, "base64"),
      ...e.SESSION_ENCRYPTION_OLD_KEYS,
    ],
    storeSigners: e.STORE_SIGNERS === "true",
    cookieSecure: e.COOKIE_SECURE === "auto" ? "auto" : e.COOKIE_SECURE === "true",
    persistedOperations: e.PERSISTED_OPERATIONS ?? (devMode ? "allow" : "only"),
    corsOrigins: e.CORS_ORIGINS,
    limits: {
      maxRequestBytes: e.MAX_REQUEST_BYTES,
      maxSessionBytes: e.MAX_SESSION_BYTES,
      maxBatch: e.MAX_BATCH,
      maxDepth: e.MAX_DEPTH,
      maxAliases: e.MAX_ALIASES,
      maxCost: e.MAX_COST,
      maxTokens: e.MAX_TOKENS,
      maxAddresses: e.MAX_ADDRESSES,
    },
    rateLimits:
      e.RATE_LIMITS === "off"
        ? undefined
        : {
            importsPerMinute: e.RATE_LIMIT_IMPORTS,
            verifyPerMinute: e.RATE_LIMIT_VERIFY,
            sessionPerMinute: e.RATE_LIMIT_SESSION,
          },
    trustProxy: e.TRUST_PROXY === "true",
    introspection: (e.INTROSPECTION ?? (devMode ? "on" : "off")) === "on",
    logLevel: e.LOG_LEVEL,
  };
}
