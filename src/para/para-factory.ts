import { Environment, Para } from "@getpara/server-sdk";
import type { Config } from "../runtime/config.js";
import { recordHttpStatus } from "../telemetry/spans.js";
import { leanCallsDiffer } from "./lean-calls-check.js";
import { LeanInstance } from "./lean-instance.js";
import { FullInstance, type SdkHttp, type SessionInstance } from "./session-instance.js";
import { upstreamError, upstreamUnavailable } from "./upstream-errors.js";

/** The partner record as `GET /partners/:id` answers it; the start-up needs its id, wallet types and prefix. */
export interface PartnerRecord {
  id: string;
  supportedWalletTypes: unknown[];
  cosmosPrefix?: string;
  [field: string]: unknown;
}

/** The start-up's auth phases, in order, when nothing is wrong; any other phase means "fall back". */
const EXPECTED_PHASES = new Set(["uninitialized", "checking_state", "clearing_state", "unauthenticated"]);

/** The three client methods the start-up calls (SDK 2.18.0, see the shared SDK notes). */
type StartupClient = {
  touchSession: (...args: unknown[]) => Promise<unknown>;
  getPartner: (id: string) => Promise<{ data: { partner: PartnerRecord } }>;
  logout: (...args: unknown[]) => Promise<unknown>;
};

/**
 * Fresh SDK instances, one per request, that start without calling Para: lean ones (lean-instance.ts,
 * PARA_LEAN_INSTANCE) or full ones whose start-up is answered locally (PARA_LOCAL_STARTUP).
 *
 * A normal start-up makes five calls (three touches, the partner, a logout) only to open an anonymous
 * session at Para and end it again. Here the new instance's own client answers those three methods
 * from a partner record that one normal start-up fetched, and gets its real methods back the moment
 * the start-up settles in `unauthenticated` (within the same turn, no I/O). Anything unexpected (no
 * settle within the deadline, another phase, methods that are not there) falls back to a normal
 * start-up. `disableWebSockets` keeps the first touch from starting the MPC worker, which would keep
 * each finished instance alive for ~90 s.
 */
export class ParaFactory {
  private partner: { record: PartnerRecord; fetchedAt: number } | undefined;
  private fetching: Promise<PartnerRecord> | undefined;
  /** Set once a lean instance could not be built: an SDK whose shape changed stays changed, so full ones follow. */
  private leanUnavailable = false;
  /** Whether lean instances send what a `Para` instance sends: checked once per process (leanCallsDiffer). */
  private leanCallsChecked: Promise<boolean> | undefined;

  constructor(
    private readonly config: Pick<Config, "para" | "tracing">,
    /** Told when a lean instance or a local start-up fell back to a fuller one (an SDK that changed shows here first). */
    private readonly onFallback: (reason: string) => void = () => {},
  ) {}

  /**
   * A new instance for one request, ready to import its session with no call to Para. Rejects with Para's
   * error when even a normal start-up fails (a wrong public key: 403 on the first touch). A lean instance
   * waits for the same partner record a local start-up needs, so a key Para refuses shows the same way.
   * PARA_LOCAL_STARTUP=off asks for the SDK's own start-up on every instance, so it turns lean ones off too.
   */
  async fresh(): Promise<SessionInstance> {
    if (this.config.para.leanInstance && this.config.para.localStartup && !this.leanUnavailable) {
      await this.partnerRecord();
      if (await this.checkLeanCalls()) {
        try {
          const lean = new LeanInstance(this.config.para.env, this.config.para.apiKey);
          if (this.config.tracing) recordStatuses(lean.http);
          return lean;
        } catch (error) {
          this.leanOff((error as Error).message);
        }
      }
    }
    return new FullInstance(await this.started());
  }

  private leanOff(why: string): void {
    this.leanUnavailable = true;
    this.onFallback(`lean instances off for this process: ${why}`);
  }

  private checkLeanCalls(): Promise<boolean> {
    const fallBack = (why: string) => {
      this.leanOff(why);
      return false;
    };
    this.leanCallsChecked ??= leanCallsDiffer(this.config.para.env, this.config.para.apiKey).then(
      (difference) => (difference ? fallBack(difference) : true),
      (error: Error) => fallBack(error.message),
    );
    return this.leanCallsChecked;
  }

  /** A full instance whose start-up is over, so that `importSession` makes no call of its own. */
  private async started(): Promise<Para> {
    if (!this.config.para.localStartup) return (await this.startNormally()).para;
    const partner = await this.partnerRecord();
    return this.startLocally(partner).catch(async (error: Error) => {
      this.onFallback(error.message);
      return (await this.startNormally()).para;
    });
  }

  private create(): Para {
    const para = new Para(Environment[this.config.para.env], this.config.para.apiKey, { disableWebSockets: true });
    if (this.config.tracing) recordStatuses((para.ctx.client as unknown as { baseRequest: SdkHttp }).baseRequest);
    return para;
  }

  /** The SDK's own start-up, five calls to Para, with the partner record it fetched on the way. */
  private async startNormally(): Promise<{ para: Para; partner: PartnerRecord | undefined }> {
    const para = this.create();
    const client = para.ctx.client as unknown as StartupClient;
    let partner: PartnerRecord | undefined;
    let failure: unknown;
    const { touchSession, getPartner } = client;
    client.touchSession = (...args) =>
      touchSession.apply(client, args).catch((error: unknown) => {
        failure = error;
        throw error;
      });
    client.getPartner = async (id) => {
      try {
        const answer = await getPartner.call(client, id);
        partner = answer?.data?.partner;
        return answer;
      } catch (error) {
        failure = error;
        throw error;
      }
    };
    try {
      const phase = await settle(para, this.config.para.timeoutMs);
      if (phase === "timeout") throw upstreamUnavailable(`start-up: no answer within ${this.config.para.timeoutMs} ms`);
      if (phase !== "unauthenticated") throw failure ?? upstreamError(`start-up ended in ${phase}`);
      return { para, partner };
    } finally {
      client.touchSession = touchSession;
      delete (client as Partial<StartupClient>).getPartner;
    }
  }

  /** The partner record, fetched by one normal start-up at a time and kept for PARA_PARTNER_TTL_MS. */
  private partnerRecord(): Promise<PartnerRecord> {
    const kept = this.partner;
    if (kept && Date.now() - kept.fetchedAt < this.config.para.partnerTtlMs) return Promise.resolve(kept.record);
    if (!this.fetching) {
      this.fetching = this.fetchPartner().finally(() => {
        this.fetching = undefined;
      });
      // A refresh nobody waits for may fail quietly: the record it would replace keeps serving.
      this.fetching.catch(() => {});
    }
    return kept ? Promise.resolve(kept.record) : this.fetching;
  }

  private async fetchPartner(): Promise<PartnerRecord> {
    const { partner } = await this.startNormally();
    if (typeof partner?.id !== "string" || !Array.isArray(partner.supportedWalletTypes)) {
      throw upstreamError("GET /partners/:id: malformed answer");
    }
    this.partner = { record: partner, fetchedAt: Date.now() };
    return partner;
  }

  private async startLocally(partner: PartnerRecord): Promise<Para> {
    const para = this.create();
    const client = para.ctx.client as unknown as StartupClient;
    const real = { touchSession: client.touchSession, logout: client.logout };
    if (typeof real.touchSession !== "function" || typeof real.logout !== "function") throw new Error("SDK changed");
    if (typeof client.getPartner !== "function") throw new Error("SDK changed");
    client.touchSession = async () => ({
      partnerId: partner.id,
      supportedWalletTypes: partner.supportedWalletTypes,
      cosmosPrefix: partner.cosmosPrefix ?? "cosmos",
      isAuthenticated: false,
    });
    client.getPartner = async () => ({ data: { partner } });
    client.logout = async () => ({});
    try {
      const phase = await settle(para, this.config.para.startupDeadlineMs);
      if (phase !== "unauthenticated") throw new Error(`start-up ended in ${phase}`);
      return para;
    } finally {
      client.touchSession = real.touchSession;
      client.logout = real.logout;
      // getPartner lives on the prototype: removing the instance's own answer puts it back.
      delete (client as Partial<StartupClient>).getPartner;
    }
  }
}

/** Resolves with the auth phase the start-up settles in: `unauthenticated`, an unexpected one, or `timeout`. */
function settle(para: Para, deadlineMs: number): Promise<string> {
  return new Promise((resolve) => {
    let unsubscribe: (() => void) | undefined;
    let settled = false;
    const done = (phase: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unsubscribe?.();
      resolve(phase);
    };
    const timer = setTimeout(() => done("timeout"), deadlineMs);
    unsubscribe = para.onStatePhaseChange(({ authPhase }) => {
      if (authPhase === "unauthenticated" || !EXPECTED_PHASES.has(authPhase)) done(authPhase);
    });
    if (settled) unsubscribe();
  });
}

/**
 * Para's HTTP status on the span of the call that got it (`http.response.status_code`), success or not, read
 * after the SDK's own interceptors. Only when tracing: a span per HTTP request (instrumentation-http) cost
 * about 0.4 ms of CPU per operation, this a property on a span that is already there.
 */
function recordStatuses(sdkHttp: SdkHttp): void {
  sdkHttp.interceptors.response.use(
    (answer) => {
      recordHttpStatus(answer.status);
      return answer;
    },
    (error) => {
      const failed = error as { status?: unknown; response?: { status?: unknown } } | null;
      const status = failed?.response?.status ?? failed?.status;
      if (typeof status === "number") recordHttpStatus(status);
      throw error;
    },
  );
}
