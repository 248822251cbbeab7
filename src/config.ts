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
    STORE_SIGNERS: z.enum(["true", "false"]).default("false"),
    COOKIE_SECURE: z.enum(["auto", "true", "false"]).default("auto"),
    PERSISTED_OPERATIONS: z.enum(["allow", "only"]).optional(),
    CORS_ORIGINS: z
      .string()
      .default("")
      .transform((list) =>
        list
          .split(",")
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .refine((origins) => origins.every((o) => /^https?:\/\/[^/]+$/.test(o)), {
        message: "must be a comma-separated list of origins such as https://app.example.com (no paths, no *)",
      }),
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
    concurrency: number;
  };
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
      concurrency: e.PARA_CONCURRENCY,
    },
    workers: e.WORKERS,
    port: e.PORT,
    host: e.HOST,
    sessionStore: e.SESSION_STORE,
    storeTimeoutMs: e.SESSION_STORE_TIMEOUT_MS,
    storeTlsCaFile: e.SESSION_STORE_TLS_CA,
    encryptionKeys: [e.SESSION_ENCRYPTION_KEY ?? Buffer.from(DEV_ENCRYPTION_KEY, "base64")],
    storeSigners: e.STORE_SIGNERS === "true",
    cookieSecure: e.COOKIE_SECURE === "auto" ? "auto" : e.COOKIE_SECURE === "true",
    persistedOperations: e.PERSISTED_OPERATIONS ?? (devMode ? "allow" : "only"),
    corsOrigins: e.CORS_ORIGINS,
    logLevel: e.LOG_LEVEL,
  };
}
