import { existsSync } from "node:fs";

function onPath(command: string): boolean {
  return (process.env.PATH ?? "").split(":").some((dir) => dir && existsSync(`${dir}/${command}`));
}

/** Debian's chromium (or CHROMIUM_PATH); the tests never download a browser. */
export const chromiumPath = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
  (p): p is string => !!p && existsSync(p),
);

export interface Prerequisite {
  name: string;
  available: boolean;
  suites: string;
  install: string;
}

export const prerequisites: Prerequisite[] = [
  {
    name: "chromium",
    available: chromiumPath !== undefined,
    suites: "test/browser (GraphiQL and CSRF in a real browser)",
    install: "sudo apt-get install chromium   (or set CHROMIUM_PATH)",
  },
  {
    name: "redis-server",
    available: onPath("redis-server") && onPath("redis-cli") && onPath("openssl"),
    suites:
      "test/scale/redis*.test.ts, keeper-scale (the Redis session store across processes, over TLS, on a cluster, behind sentinels)",
    install: "sudo apt-get install redis-server redis-tools openssl",
  },
];

/** In CI nothing may be skipped: a missing prerequisite fails the run instead. */
export const skipUnless = (name: string) => {
  const p = prerequisites.find((x) => x.name === name);
  return !p?.available && !process.env.CI;
};
