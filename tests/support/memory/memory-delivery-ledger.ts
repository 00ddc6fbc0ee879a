import type { RedriveRequest } from '../../../lambdas/core/delivery/redrive-request.js';
import type { Delivery } from '../../../lambdas/core/incident/answer-schemas.js';
import type { ClaimOutcome, DeliveryKey, DeliveryLedger, DeliveryOutcome, NewDelivery } from '../../../lambdas/core/ports/delivery-ledger.js';

type Row = Delivery & { incidentId: string; leaseUntil?: number };

/**
 * The delivery ledger in memory, with the DynamoDB adapter's conditions: rows written once, a claim
 * only on a pending row whose lease has run out, a settle only from pending, a release that fails
 * on a settled row. The same contract tests run against this and the DynamoDB adapter.
 */
export class MemoryDeliveryLedger implements DeliveryLedger {
  private readonly rows = new Map<string, Row>();
  private readonly publishes = new Map<string, Map<string, string>>();

  async putIfAbsent(row: NewDelivery, now: string): Promise<boolean> {
    const id = rowId(row);
    if (this.rows.has(id)) return false;
    const { incidentId, seq, channel, locale, updateId, state, detail } = row;
    this.rows.set(id, { incidentId, seq, channel, locale, updateId, state, ...(detail === undefined ? {} : { detail }), attempts: 0, updatedAt: now });
    return true;
  }

  async publishedLocales(incidentId: string, seq: number): Promise<Map<string, string>> {
    return new Map(this.publishes.get(`${incidentId}|${seq}`) ?? []);
  }

  async markPublished(incidentId: string, seq: number, locale: string, messageId: string): Promise<void> {
    const key = `${incidentId}|${seq}`;
    this.publishes.set(key, new Map([...(this.publishes.get(key) ?? []), [locale, messageId]]));
  }

  async get(key: DeliveryKey): Promise<Delivery | undefined> {
    const row = this.rows.get(rowId(key));
    return row ? toDelivery(row) : undefined;
  }

  async claim(key: DeliveryKey, nowMs: number, leaseUntil: number, now: string): Promise<ClaimOutcome> {
    const row = this.rows.get(rowId(key));
    if (row?.state === 'pending' && (row.leaseUntil === undefined || row.leaseUntil < nowMs)) {
      row.attempts++;
      row.leaseUntil = leaseUntil;
      row.updatedAt = now;
      return { outcome: 'claimed' };
    }
    if (row === undefined) return { outcome: 'in-flight-elsewhere' };
    if (row.state !== 'pending') return { outcome: 'already-settled' };
    return { outcome: 'in-flight-elsewhere', ...(row.leaseUntil === undefined ? {} : { leaseUntil: row.leaseUntil }) };
  }

  async release(key: DeliveryKey, detail: string, now: string): Promise<boolean> {
    const row = this.rows.get(rowId(key));
    if (row?.state !== 'pending') return false;
    row.detail = detail;
    row.updatedAt = now;
    delete row.leaseUntil;
    return true;
  }

  async settle(key: DeliveryKey, outcome: DeliveryOutcome, now: string): Promise<boolean> {
    const row = this.rows.get(rowId(key));
    if (row?.state !== 'pending') return false;
    row.state = outcome.state;
    row.updatedAt = now;
    if (outcome.externalId !== undefined) row.externalId = outcome.externalId;
    if (outcome.detail !== undefined) row.detail = outcome.detail;
    delete row.leaseUntil;
    return true;
  }

  async listForIncident(incidentId: string): Promise<Delivery[]> {
    return [...this.rows.entries()]
      .filter(([, row]) => row.incidentId === incidentId)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, row]) => toDelivery(row));
  }

  async redrive(request: RedriveRequest): Promise<boolean> {
    const rows = request.targets.map(({ channel, locale }) => this.rows.get(rowId({ incidentId: request.incidentId, seq: request.update.seq, channel, locale })));
    if (rows.some((row) => row?.state !== 'failed')) return false;
    for (const row of rows as Row[]) {
      row.state = 'pending';
      row.detail = `redriven by a commander at ${request.requestedAt}`;
      row.updatedAt = request.requestedAt;
      row.redrives = (row.redrives ?? 0) + 1;
    }
    this.redriveRequests.push(structuredClone(request));
    return true;
  }

  /** Test seam: every redrive request stored, in order (deployed, the stream hands each to the fan-out). */
  readonly redriveRequests: RedriveRequest[] = [];

  /** Test seam: a row as a test wants it to stand (a lease held elsewhere, a failed post). */
  put(row: Row): void {
    this.rows.set(rowId(row), structuredClone(row));
  }

  /** Changes a row in place, as the email ledger's counters do on the same table item; false when absent. */
  mutate(key: DeliveryKey, change: (row: Row) => void): boolean {
    const row = this.rows.get(rowId(key));
    if (!row) return false;
    change(row);
    return true;
  }

  /** Test seam: the row with its lease, which the port does not show. */
  row(key: DeliveryKey): Row | undefined {
    return structuredClone(this.rows.get(rowId(key)));
  }
}

/** Sorts as the table's sort key does: seq (zero-padded), then channel, then locale. */
function rowId(key: DeliveryKey): string {
  return `${key.incidentId}|${String(key.seq).padStart(8, '0')}|${key.channel}|${key.locale}`;
}

function toDelivery(row: Row): Delivery {
  const { incidentId: _incidentId, leaseUntil: _leaseUntil, ...delivery } = structuredClone(row);
  return delivery;
}
