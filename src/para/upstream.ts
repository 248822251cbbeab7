import type { Span } from "@opentelemetry/api";
import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleWhen,
  type IPolicy,
  retry,
  TaskCancelledError,
  TimeoutStrategy,
  timeout,
  wrap,
} from "cockatiel";
import { GatewayError } from "../errors.js";
import type { Config } from "../runtime/config.js";
import { inSpan, SpanKind } from "../telemetry/spans.js";
import { toGatewayError, upstreamUnavailable } from "./upstream-errors.js";

/** Outages and errors are worth another try and count against the breaker; a 4xx answer is not. */
const transient = (error: Error) =>
  error instanceof GatewayError && (error.code === "UPSTREAM_UNAVAILABLE" || error.code === "UPSTREAM_ERROR");

export interface CallOptions {
  /** Safe to send twice (reads, extending a session); issuing a JWT is not. */
  idempotent: boolean;
  /** What a 401/403 from Para means for this call. */
  onAuthRejected: () => GatewayError;
  /** What a 400 from Para means for this call, when it is the client's input (else Para's error). */
  onBadRequest?: () => GatewayError;
}

export type CallObserver = (call: string, outcome: string) => void;

/**
 * Every call to Para goes through here: a deadline over the whole call (retries included), one retry
 * with exponential backoff and jitter for idempotent calls, and a circuit breaker per kind of call, so
 * that a dead Para costs each request a fast UPSTREAM_UNAVAILABLE instead of a pile of waits. Only
 * failures of Para itself (an HTTP status, a network error) count; a local error is no outage.
 */
export class Upstream {
  /** One breaker per kind of call: a failing route, or one client's bad input, never pauses the others. */
  private readonly policies = new Map<string, { idempotent: IPolicy; once: IPolicy }>();
  private readonly timeoutMs: number;

  constructor(
    private readonly config: Pick<Config, "para">,
    private readonly observe: CallObserver = () => {},
  ) {
    this.timeoutMs = config.para.timeoutMs;
  }

  private policiesFor(name: string): { idempotent: IPolicy; once: IPolicy } {
    let policies = this.policies.get(name);
    if (!policies) {
      const { timeoutMs, breakerCooldownMs, breakerThreshold } = this.config.para;
      // abortOnReturn off: a finished call has nothing left to cancel, and each abort() builds a DOMException
      // with its stack (about 0.03 ms of a call's CPU). The deadline still aborts a call that overruns it.
      const deadline = timeout(timeoutMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false });
      const breaker = circuitBreaker(handleWhen(transient), {
        halfOpenAfter: breakerCooldownMs,
        breaker: new ConsecutiveBreaker(breakerThreshold),
      });
      const retries = retry(handleWhen(transient), {
        maxAttempts: 1,
        backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 500 }),
      });
      policies = { idempotent: wrap(deadline, retries, breaker), once: wrap(deadline, breaker) };
      this.policies.set(name, policies);
    }
    return policies;
  }

  /**
   * One call to Para, in a span of its own (`para <name>`, with its attempts; the HTTP requests it makes
   * are its children, with their status, when tracing is on).
   */
  call<T>(name: string, options: CallOptions, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return inSpan(`para ${name}`, { kind: SpanKind.CLIENT, attributes: { "para.call": name } }, (span) =>
      this.attempt(name, options, run, span),
    );
  }

  private async attempt<T>(
    name: string,
    options: CallOptions,
    run: (signal: AbortSignal) => Promise<T>,
    span: Span,
  ): Promise<T> {
    const policies = this.policiesFor(name);
    const policy = options.idempotent ? policies.idempotent : policies.once;
    let attempts = 0;
    try {
      const result = (await policy.execute(async ({ signal }) => {
        span.setAttribute("para.attempts", ++attempts);
        try {
          return await run(signal);
        } catch (error) {
          throw toGatewayError(error, name, options);
        }
      })) as T;
      this.observe(name, "ok");
      return result;
    } catch (error) {
      // instanceof, not cockatiel's isTaskCancelledError: in 3.2.1 that one tests for the bulkhead's marker.
      const mapped =
        error instanceof BrokenCircuitError
          ? upstreamUnavailable(`${name}: Para failed repeatedly, so calls pause briefly`)
          : error instanceof TaskCancelledError
            ? upstreamUnavailable(`${name}: no answer within ${this.timeoutMs} ms`)
            : toGatewayError(error, name, options);
      this.observe(name, mapped.code);
      throw mapped;
    }
  }
}
