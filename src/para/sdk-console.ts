import { format } from "node:util";
import type { Logger } from "../runtime/logger.js";

/**
 * The SDK narrates state changes with console.log (and warns through console.warn) in DEV and SANDBOX.
 * Route the console into the logger at debug level, keeping only the text: the objects the SDK passes
 * along can hold session state.
 */
export function routeConsoleToLogger(logger: Logger): void {
  const sdk = logger.child({ source: "para-sdk" });
  const text = (args: unknown[]) => format(...args.filter((a) => typeof a === "string" || typeof a === "number"));
  console.log = (...args: unknown[]) => sdk.debug(text(args));
  console.info = console.log;
  console.debug = console.log;
  console.warn = (...args: unknown[]) => sdk.debug(text(args));
  console.error = (...args: unknown[]) => sdk.warn(text(args));
}
