/**
 * Runs the snapshot publisher the way the stack does (one at a time, on each stream batch, and on a
 * timer), without a queue of stale work: a batch that arrives while a publish runs is merged into
 * the next one, which reads the table afresh anyway.
 *
 * @example
 * const snapshots = new SnapshotScheduler(createSnapshotHandler(deps), log);
 * snapshots.request(event.Records);
 */
export class SnapshotScheduler {
  private running: Promise<void> | undefined;
  private pending: { Records: unknown[] } | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly publish: (event: unknown) => Promise<void>,
    private readonly log: (line: string) => void,
  ) {}

  /** Publish for these stream records (after the publish in progress, if any). */
  request(records: readonly unknown[]): void {
    this.pending = { Records: [...(this.pending?.Records ?? []), ...records] };
    this.running ??= this.drain();
  }

  /** Publish now and then every `intervalMs`, as the stack's schedule does every minute. */
  start(intervalMs: number): void {
    this.request([]);
    this.timer = setInterval(() => this.request([]), intervalMs);
    this.timer.unref();
  }

  /** Resolves once no publish is running or waiting. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.pending = undefined;
    await this.idle();
  }

  private async drain(): Promise<void> {
    while (this.pending) {
      const event = this.pending.Records.length > 0 ? this.pending : { 'detail-type': 'Scheduled Event' };
      this.pending = undefined;
      try {
        await this.publish(event);
      } catch (error) {
        this.log(`public snapshot not published: ${String(error)}`);
      }
    }
    this.running = undefined;
  }
}
