/**
 * Key layout of the single table. An incident's partition holds its head and its timeline, nothing
 * else, so reading an incident is one Query; the delivery ledger lives in a partition of its own.
 */
export const incidentKeys = {
  partition: (incidentId: string) => `INCIDENT#${incidentId}`,
  head: 'HEAD',
  update: (seq: number) => `UPDATE#${String(seq).padStart(8, '0')}`,
  updatePrefix: 'UPDATE#',
};

export const ledgerKeys = {
  partition: (incidentId: string) => `LEDGER#${incidentId}`,
  delivery: (seq: number, channel: string, locale: string) => `DELIVERY#${String(seq).padStart(8, '0')}#${channel}#${locale}`,
  deliveryPrefix: 'DELIVERY#',
  publishPrefix: 'PUBLISH#',
  publish: (seq: number, locale: string) => `PUBLISH#${String(seq).padStart(8, '0')}#${locale}`,
};

export const feedKeys = {
  partition: (locale: string) => `FEED#${locale}`,
  item: (createdAt: string, updateId: string) => `${createdAt}#${updateId}`,
};

export const idempotencyKeys = {
  partition: (key: string) => `IDEMPOTENCY#${key}`,
  record: 'RECORD',
};

export const incidentIndexKeys = {
  state: (state: 'open' | 'resolved') => `STATE#${state}`,
  all: 'INCIDENTS',
  started: (startedAt: string, incidentId: string) => `${startedAt}#${incidentId}`,
};
