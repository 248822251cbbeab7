import type { NodeSDK } from "@opentelemetry/sdk-node";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";

/** The service name when OTEL_SERVICE_NAME does not give one. */
const SERVICE_NAME = "para-graphql-gateway";

/**
 * Attributes nothing secret may reach an exporter through: a URL's query string (a GET carries its
 * variables there, a verification token among them), the client's address, and an operation's text
 * (in allow mode a client may inline a session blob or a JWT; `graphql.document.id` names the document).
 */
const REDACTED = ["url.query", "http.client_ip", "client.address", "graphql.document"];

class ScrubSecrets implements SpanProcessor {
  onStart(span: Span): void {
    for (const key of ["http.url", "url.full", "http.target"]) {
      const value = span.attributes[key];
      if (typeof value === "string" && value.includes("?")) span.setAttribute(key, value.slice(0, value.indexOf("?")));
    }
    for (const key of REDACTED) if (key in span.attributes) span.setAttribute(key, "[redacted]");
  }
  onEnd(span: ReadableSpan): void {
    // Some are set after the span started (the operation's text, once the operation is known).
    const attributes = span.attributes as Record<string, unknown>;
    for (const key of REDACTED) if (key in attributes) attributes[key] = "[redacted]";
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Whether the standard OTEL_* variables ask for traces: an OTLP endpoint, and the SDK not turned off. */
export function tracingWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === "true" || env.OTEL_TRACES_EXPORTER === "none") return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * OpenTelemetry traces over OTLP, configured by the standard variables (OTEL_EXPORTER_OTLP_ENDPOINT,
 * OTEL_EXPORTER_OTLP_PROTOCOL `http/protobuf` or `http/json`, OTEL_SERVICE_NAME, OTEL_TRACES_SAMPLER,
 * OTEL_PROPAGATORS, OTEL_BSP_*), and off unless an endpoint is given. Started before the SDK's HTTP client
 * (axios) is first loaded, so that its calls to Para are client spans with their status; the SDK's own
 * metrics and logs stay off (metrics are Prometheus). Loaded only when wanted: none of it costs a process
 * that does not trace.
 */
export async function startTracing(env: NodeJS.ProcessEnv = process.env): Promise<NodeSDK | undefined> {
  if (!tracingWanted(env)) return undefined;
  const [{ NodeSDK }, { BatchSpanProcessor }, http, proto, { HttpInstrumentation }, { UndiciInstrumentation }] =
    await Promise.all([
      import("@opentelemetry/sdk-node"),
      import("@opentelemetry/sdk-trace-base"),
      import("@opentelemetry/exporter-trace-otlp-http"),
      import("@opentelemetry/exporter-trace-otlp-proto"),
      import("@opentelemetry/instrumentation-http"),
      import("@opentelemetry/instrumentation-undici"),
    ]);
  const protocol = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL ?? "http/protobuf";
  const exporter = protocol === "http/json" ? new http.OTLPTraceExporter() : new proto.OTLPTraceExporter();
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? SERVICE_NAME,
    spanProcessors: [new ScrubSecrets(), new BatchSpanProcessor(exporter)],
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      // Outgoing calls only (Para's API through the SDK's axios, and fetch): the server span is the Yoga plugin's.
      new HttpInstrumentation({ disableIncomingRequestInstrumentation: true }),
      new UndiciInstrumentation(),
    ],
  });
  sdk.start();
  return sdk;
}
