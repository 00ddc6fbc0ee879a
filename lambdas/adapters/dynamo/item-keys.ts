/**
 * Key layout of the single table. An incident's partition holds its head and its timeline, nothing
 * else, so reading an incident is one Query; the delivery ledger lives in a partition of its own.
 * Every key is written through these functions, never spelled out elsewhere.
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
  publishPrefix: (seq: number) => `PUBLISH#${String(seq).padStart(8, '0')}#`,
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

/** The local runtime's stand-in for SNS email subscriptions: one partition of addresses, one item per token. */
export const subscriberKeys = {
  partition: 'SUBSCRIBERS',
  address: (email: string) => email,
};

export const subscriptionTokenKeys = {
  partition: (token: string) => `SUBSCRIPTION-TOKEN#${token}`,
  record: 'TOKEN',
};
