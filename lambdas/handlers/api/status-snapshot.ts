import type { Config } from '../../core/config/config-schema.js';
import type { Logger } from '../../core/ports/logger.js';
import { logMetrics } from '../../core/observability/log-metrics.js';
import type { StatusAnswer } from '../../core/incident/answer-schemas.js';
import type { IncidentHead } from '../../core/incident/model.js';
import { statusAnswer } from '../../core/incident/status-answer.js';
import { DomainError } from '../../core/errors/domain-error.js';

/** What `GET /v1/status` serves: the answer serialised, and whether it is the last good one kept through a failure. */
export interface StatusBody {
  body: string;
  /** True when the store could not be read and this is the last answer built, from `builtAt`. */
  stale: boolean;
}

/** The store could not be read and this process has never built a status: nothing true can be said. */
export class StatusUnavailable extends DomainError {}

/**
 * `GET /v1/status` answers from memory. A surge of readers must not become a surge of DynamoDB reads:
 * the snapshot is rebuilt when this process writes a change, or when it is older than `maxAgeMs`
 * (another container, or the other process, may have written), and concurrent readers share one rebuild.
 * When the store cannot be read, the last good answer is served, marked stale, rather than an error:
 * an outage of our own store must not blank the page customers read during theirs.
 */
export class StatusSnapshot {
  private current: { answer: StatusAnswer; body: string; builtAt: number; lastGoodAt: number } | undefined;
  private rebuilding: Promise<void> | undefined;
  private generation = 0;

  constructor(
    private readonly loadOpenIncidents: () => Promise<IncidentHead[]>,
    private readonly config: Config,
    private readonly maxAgeMs: number,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The status answer already serialised, so a hot path does no JSON work. */
  async body(): Promise<StatusBody> {
    if (!this.current || this.now() - this.current.builtAt > this.maxAgeMs) {
      try {
        await this.rebuild();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (!this.current) throw new StatusUnavailable(`the incident store could not be read (${reason}) and no status was built before`, { cause: error });
        // The stack's metric filter counts these lines (the StatusServedStale alarm).
        this.logger.warn(logMetrics.StatusServedStale.message, { reason, builtAt: new Date(this.current.lastGoodAt).toISOString() });
        return { body: this.current.body, stale: true };
      }
    }
    return { body: this.current!.body, stale: false };
  }

  invalidate(): void {
    this.generation++;
    if (this.current) this.current.builtAt = -Infinity;
  }

  private rebuild(): Promise<void> {
    this.rebuilding ??= this.build().finally(() => {
      this.rebuilding = undefined;
    });
    return this.rebuilding;
  }

  private async build(): Promise<void> {
    const generation = this.generation;
    const builtAt = this.now();
    const answer = statusAnswer(await this.loadOpenIncidents(), this.config, new Date(builtAt).toISOString());
    // A write that landed while we were reading must not hide behind this snapshot: the readers
    // waiting now get it, the next reader rebuilds.
    const stale = generation !== this.generation;
    this.current = { answer, body: JSON.stringify(answer), builtAt: stale ? -Infinity : builtAt, lastGoodAt: builtAt };
  }
}
