import { z } from "zod";

/** A comma-separated list in one environment variable; empty when unset. */
export const commaList = z
  .string()
  .default("")
  .transform((list) =>
    list
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean),
  );
