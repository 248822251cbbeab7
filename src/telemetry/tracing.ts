/** The service name when OTEL_SERVICE_NAME does not give one. */
const SERVICE_NAME = "para-graphql-gateway";

/** Whether the standard OTEL_* variables ask for traces: an OTLP endpoint, and the SDK not turned off. */
export function tracingWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === "true" || env.OTEL_TRACES_EXPORTER === "none") return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** What main.ts holds while tracing: flushed and stopped after the gateway closes. */
export interface Tracing {
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry traces over OTLP, configured by the standard variables (OTEL_EXPORTER_OTLP_ENDPOINT,
 * OTEL_EXPORTER_OTLP_PROTOCOL `http/protobuf` or `http/json`, OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES,
 * OTEL_TRACES_SAMPLER, OTEL_BSP_*, OTEL_EXPORTER_OTLP_HEADERS), and off unless an endpoint is given; W3C
 * trace context and baggage propagate. The trace SDK alone: the whole Node SDK (metrics, logs, every
 * exporter) and The Guild's Yoga plugin, which brings Hive Gateway's runtime, held 39 MB more heap (and
 * about 100 MB more RSS) in a worker whose budget is 160 MB of heap, and doubled an import's CPU there in
 * garbage collection. Loaded only when wanted: none of it costs a process that does not trace.
 */
export async function startTracing(env: NodeJS.ProcessEnv = process.env): Promise<Tracing | undefined> {
  if (!tracingWanted(env)) return undefined;
  const [{ NodeTracerProvider }, { BatchSpanProcessor }, { detectResources, envDetector, resourceFromAttributes }] =
    await Promise.all([
      import("@opentelemetry/sdk-trace-node"),
      import("@opentelemetry/sdk-trace-base"),
      import("@opentelemetry/resources"),
    ]);
  const protocol = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL ?? "http/protobuf";
  const { OTLPTraceExporter } = await (protocol === "http/json"
    ? import("@opentelemetry/exporter-trace-otlp-http")
    : import("@opentelemetry/exporter-trace-otlp-proto"));
  const provider = new NodeTracerProvider({
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win over the default name.
    resource: resourceFromAttributes({ "service.name": SERVICE_NAME }).merge(
      detectResources({ detectors: [envDetector] }),
    ),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  return provider;
}
