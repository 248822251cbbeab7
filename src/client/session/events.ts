import { ParaGatewayError } from "../gateway-error.js";
import { SessionEventsDocument, type SessionEventsSubscription } from "../generated/graphql.js";
import { type SseTarget, subscribeTrusted } from "../sse.js";

export type SessionEventData = SessionEventsSubscription["sessionEvents"];

export interface EventHandlers {
  event: (event: SessionEventData) => void;
  /** The stream was refused or could not be kept open; an outage when `error.isOutage`. */
  error: (error: ParaGatewayError) => void;
  /** The gateway ended the stream (after ENDED or EXPIRED, or when it sat idle). */
  complete: () => void;
}

/** Follows the session's `sessionEvents`. Returns a stop function. */
export function followSessionEvents(target: SseTarget, handlers: EventHandlers): () => void {
  return subscribeTrusted<SessionEventsSubscription>(target, SessionEventsDocument, undefined, {
    next: (result) => {
      if (result.errors?.length) handlers.error(ParaGatewayError.fromErrors(result.errors));
      else if (result.data?.sessionEvents) handlers.event(result.data.sessionEvents);
    },
    error: (error) => {
      if (Array.isArray(error)) handlers.error(ParaGatewayError.fromErrors(error));
      else handlers.error(new ParaGatewayError("NETWORK_ERROR", `The event stream failed: ${String(error)}`));
    },
    complete: handlers.complete,
  });
}
