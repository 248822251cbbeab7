import { type DestinationStream, type Logger, pino } from "pino";

export type { Logger };

/** JSON logs. Fields that could carry secrets are censored wherever they appear. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
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
