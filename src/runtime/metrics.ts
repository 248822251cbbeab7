import { createServer, type Server } from "node:http";
import { constants, PerformanceObserver } from "node:perf_hooks";
import { usePrometheus } from "@graphql-yoga/plugin-prometheus";
import type { Plugin } from "graphql-yoga";
import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";

/**
 * Prometheus metrics at /metrics: operations by name and outcome with latency histograms (from The
 * Guild's plugin), and the gateway's own: calls to Para by call and outcome, store operations by
 * operation and outcome, and sessions stored. Per process: with --workers, each worker has its own.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly upstreamCalls = new Counter({
    name: "para_gateway_upstream_calls_total",
    help: "Calls to Para by call (touch, import, jwt, keep-alive, wallets/verify, sessions/verify) and outcome.",
    labelNames: ["call", "outcome"] as const,
    registers: [this.registry],
  });
  private readonly storeOperations = new Counter({
    name: "para_gateway_store_operations_total",
    help: "Session store operations by operation and outcome.",
    labelNames: ["operation", "outcome"] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.observeHeapAfterGc();
  }

  /**
   * The live heap as the last full GC left it: what a memory budget must hold, unlike heap-used, which
   * counts garbage not yet collected. Labelled by pid, so that a scraper reaching workers in turn
   * can tell them apart.
   */
  private observeHeapAfterGc(): void {
    const gauge = new Gauge({
      name: "para_gateway_heap_after_gc_bytes",
      help: "V8 heap used right after the last full (mark-compact) garbage collection.",
      labelNames: ["pid"] as const,
      registers: [this.registry],
    });
    const pid = String(process.pid);
    gauge.set({ pid }, process.memoryUsage().heapUsed);
    const observer = new PerformanceObserver((list) => {
      const full = list
        .getEntries()
        .some((e) => (e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
      if (full) gauge.set({ pid }, process.memoryUsage().heapUsed);
    });
    observer.observe({ entryTypes: ["gc"] });
  }

  /** The sessions-stored gauge, read from the store at each scrape. */
  countSessionsWith(countSessions: () => Promise<number>): void {
    new Gauge({
      name: "para_gateway_sessions_stored",
      help: "Sessions in the session store that have not expired.",
      registers: [this.registry],
      async collect() {
        this.set(await countSessions().catch(() => Number.NaN));
      },
    });
  }

  private readonly errorsSent = new Counter({
    name: "para_gateway_errors_total",
    help: "GraphQL errors sent to clients, by extensions.code.",
    labelNames: ["code"] as const,
    registers: [this.registry],
  });

  private readonly answerCacheHits = new Counter({
    name: "para_gateway_answer_cache_hits_total",
    help: "Verify answers served again from the answer cache, without running the operation (not in graphql_yoga_http_duration).",
    registers: [this.registry],
  });

  private readonly jwksFetches = new Counter({
    name: "para_gateway_jwks_fetches_total",
    help: "Fetches of Para's JWT key set by outcome (ok, error); on error the last good set keeps serving.",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });

  private readonly extensions = new Counter({
    name: "para_gateway_keeper_extensions_total",
    help: "Background extensions by result: ok, expired (Para ended the session), upstream_error (retried), error.",
    labelNames: ["result"] as const,
    registers: [this.registry],
  });

  /** Managed sessions, and how late the most overdue one is, read from the store at each scrape. */
  watchKeeper(dueStats: () => Promise<{ managed: number; earliestDueAt: number | null }>): void {
    new Gauge({
      name: "para_gateway_managed_sessions",
      help: "Sessions the keeper extends in the background (all replicas).",
      registers: [this.registry],
      async collect() {
        this.set(
          await dueStats().then(
            (s) => s.managed,
            () => Number.NaN,
          ),
        );
      },
    });
    new Gauge({
      name: "para_gateway_keeper_overdue_seconds",
      help: "How long past its due time the most overdue managed session is (0 when none is).",
      registers: [this.registry],
      async collect() {
        const due = await dueStats().then(
          (s) => s.earliestDueAt,
          () => Number.NaN,
        );
        this.set(due === null ? 0 : Math.max(0, (Date.now() - due) / 1000));
      },
    });
  }

  extension = (result: string) => this.extensions.inc({ result });

  /** Open sessionEvents streams in this process. */
  countStreamsWith(open: () => number): void {
    new Gauge({
      name: "para_gateway_event_streams",
      help: "Open sessionEvents streams (Server-Sent Events) in this process.",
      registers: [this.registry],
      collect() {
        this.set(open());
      },
    });
  }

  upstreamCall = (call: string, outcome: string) => this.upstreamCalls.inc({ call, outcome });

  errorSent = (code: string) => this.errorsSent.inc({ code });

  answerCacheHit = () => this.answerCacheHits.inc();

  jwksFetch = (outcome: "ok" | "error") => this.jwksFetches.inc({ outcome });

  storeOperation = (operation: string, outcome: string) => this.storeOperations.inc({ operation, outcome });

  /**
   * The Guild's plugin, serving /metrics on the gateway's port unless it has a port of its own. No label
   * takes an unbounded value a client writes: not the URL (a query string could carry a token), and an
   * operation's name only where trusted documents bound the names.
   */
  plugin(options: { serveHere: boolean; operationNames: boolean }): Plugin {
    return usePrometheus({
      endpoint: options.serveHere ? "/metrics" : false,
      registry: this.registry,
      labels: {
        url: false,
        operationName: options.operationNames,
      },
      metrics: {
        // One histogram per request: Yoga's HTTP duration carries the operation's name, type and status, and
        // its _count is the request count. Each of Envelop's metrics (the plugin turns most on by default)
        // would build a label set and make an observation in its phase of every request, to repeat it:
        // a request counter, duration histograms per phase, a quantile summary. Errors are counted by code
        // where codes are set (para_gateway_errors_total), only for answers that have errors.
        graphql_yoga_http_duration: true,
        graphql_envelop_request: false,
        graphql_envelop_request_duration: false,
        graphql_envelop_request_time_summary: false,
        graphql_envelop_phase_parse: false,
        graphql_envelop_phase_validate: false,
        graphql_envelop_phase_context: false,
        graphql_envelop_phase_execute: false,
        graphql_envelop_phase_subscribe: false,
        graphql_envelop_error_result: false,
        // It walks every operation's document for deprecated fields, of which this schema has none.
        graphql_envelop_deprecated_field: false,
        graphql_envelop_schema_change: false,
      },
    }) as Plugin;
  }

  /** /metrics on a port of its own (METRICS_PORT), for a scraper on a private network. */
  async serve(port: number, host: string): Promise<Server> {
    const server = createServer((req, res) => {
      if (req.url !== "/metrics") {
        res.writeHead(404).end();
        return;
      }
      this.registry.metrics().then(
        (text) => res.writeHead(200, { "content-type": this.registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, resolve);
    });
    return server;
  }
}
