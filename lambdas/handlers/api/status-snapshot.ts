import type { Config } from '../../core/config/config-schema.js';
import type { StatusAnswer } from '../../core/incident/answer-schemas.js';
import type { IncidentHead } from '../../core/incident/model.js';
import { statusAnswer } from '../../core/incident/status-answer.js';

/**
 * `GET /v1/status` answers from memory. A surge of readers must not become a surge of DynamoDB reads:
 * the snapshot is rebuilt when this process writes a change, or when it is older than `maxAgeMs`
 * (another container, or the other process, may have written), and concurrent readers share one rebuild.
 */
export class StatusSnapshot {
  private current: { answer: StatusAnswer; body: string; builtAt: number } | undefined;
  private rebuilding: Promise<void> | undefined;
  private generation = 0;

  constructor(
    private readonly loadOpenIncidents: () => Promise<IncidentHead[]>,
    private readonly config: Config,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The status answer already serialised, so a hot path does no JSON work. */
  async body(): Promise<string> {
    if (!this.current || this.now() - this.current.builtAt > this.maxAgeMs) await this.rebuild();
    return this.current!.body;
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
    this.current = { answer, body: JSON.stringify(answer), builtAt: stale ? -Infinity : builtAt };
  }
}
