import { type DestinationStream, type Logger, pino } from "pino";

export type { Logger };

/**
 * JSON logs. Fields that could carry secrets are censored wherever they appear. `fields` adds to every
 * line (a gateway process's trace ids); the supervisor, which serves nothing, goes without.
 */
export function createLogger(
  level: string,
  destination?: DestinationStream,
  fields?: () => Record<string, string>,
): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      ...(fields ? { mixin: fields } : {}),
      redact: {
        paths: [
          "*.authorization",
          "*.cookie",
          "*.session",
          "*.sessionToken",
          "*.sessionCookie",
          "*.signer",
          "*.secretApiKey",
          "*.encryptionKeys",
          'req.headers["x-external-api-key"]',
          "req.headers.authorization",
          "req.headers.cookie",
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
