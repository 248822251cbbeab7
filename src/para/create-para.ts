import { Environment, Para } from "@getpara/server-sdk";
import type { Config } from "../config.js";

/**
 * A fresh SDK instance, used for one request and then dropped.
 *
 * - `isWorkerInitialized = true`: the first touch would otherwise start the MPC signing worker, which
 *   session management never uses and which keeps the instance alive for ~90 s after its request
 *   (see the shared SDK notes). `disableWorkers` is not the way: it chains every instance to axios'
 *   global defaults forever.
 * - An axios timeout on the instance's own HTTP client, so that a call Para never answers releases
 *   its socket; the call sites also race a deadline, which this does not replace.
 * Both fields are private in the SDK's typings (2.18.0), hence the casts.
 */
export function createPara(config: Pick<Config, "para">): Para {
  const para = new Para(Environment[config.para.env], config.para.apiKey);
  (para as unknown as { isWorkerInitialized: boolean }).isWorkerInitialized = true;
  const client = para.ctx.client as unknown as { baseRequest?: { defaults: { timeout?: number } } };
  if (client.baseRequest) client.baseRequest.defaults.timeout = config.para.timeoutMs;
  return para;
}
