import { routeLocalhostTo } from "./localhost-route.js";
import { workerEnv, workerHost } from "./worker-host.js";

// Every test file: its emulators listen on the worker's own address, and "localhost" leads there, in this
// process and in those it starts with its environment (those given one of their own add workerEnv).
Object.assign(process.env, workerEnv);
routeLocalhostTo(workerHost);
