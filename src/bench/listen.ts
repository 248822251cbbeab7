import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Serves the bench's own servers on a free port of 127.0.0.1, prints the ready line the bench waits for
 * (`{"msg":"listening","url":…}`, the gateway's form), and closes on SIGTERM/SIGINT.
 */
export async function listen(handler: RequestListener): Promise<void> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ msg: "listening", url: `http://127.0.0.1:${port}` })}\n`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      server.close(() => process.exit(0));
      server.closeAllConnections();
    });
  }
}
