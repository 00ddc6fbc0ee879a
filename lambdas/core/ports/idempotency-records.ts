import type { IdempotencyRecord } from '../incident/idempotency-record.js';

/** Reads the records `IncidentStore.commit` writes beside a change. */
export interface IdempotencyRecords {
  /** The live record under `key`; an expired one (awaiting deletion) counts as absent. */
  find(key: string, nowSeconds: number): Promise<IdempotencyRecord | undefined>;
}
