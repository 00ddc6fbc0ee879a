import type { DeliveryKey } from '../../core/ports/delivery-ledger.js';
import { partitionKeyPrefixes } from '../../core/store/table-definition.js';

/**
 * Key layout of the single table. An incident's partition holds its head and its timeline, nothing
 * else, so reading an incident is one Query; the delivery ledger lives in a partition of its own.
 * Every key is written through these functions, never spelled out elsewhere.
 */
export const incidentKeys = {
  partition: (incidentId: string) => `${partitionKeyPrefixes.main.incident}${incidentId}`,
  head: 'HEAD',
  update: (seq: number) => `UPDATE#${String(seq).padStart(8, '0')}`,
  updatePrefix: 'UPDATE#',
};

export const ledgerKeys = {
  partition: (incidentId: string) => `${partitionKeyPrefixes.main.ledger}${incidentId}`,
  delivery: (seq: number, channel: string, locale: string) => `DELIVERY#${String(seq).padStart(8, '0')}#${channel}#${locale}`,
  deliveryPrefix: 'DELIVERY#',
  publishPrefix: (seq: number) => `PUBLISH#${String(seq).padStart(8, '0')}#`,
  publish: (seq: number, locale: string) => `PUBLISH#${String(seq).padStart(8, '0')}#${locale}`,
  redrive: (redriveId: string) => `REDRIVE#${redriveId}`,
};

/** The key of one delivery row (update × channel × locale) in its incident's ledger partition. */
export function deliveryRowKey(key: DeliveryKey) {
  return { pk: ledgerKeys.partition(key.incidentId), sk: ledgerKeys.delivery(key.seq, key.channel, key.locale) };
}

export const feedKeys = {
  partition: (locale: string) => `${partitionKeyPrefixes.main.feed}${locale}`,
  /** Outside the feed's partition, so reading the feed never reads these. */
  writtenPartition: (locale: string, updateId: string) => `${partitionKeyPrefixes.main.feedWritten}${locale}#${updateId}`,
  written: 'WRITTEN',
};

export const idempotencyKeys = {
  partition: (key: string) => `${partitionKeyPrefixes.main.idempotency}${key}`,
  record: 'RECORD',
};

/** Maintenance windows in the same indexes as incidents, under partitions of their own, ordered by their start. */
export const maintenanceIndexKeys = {
  phase: (phase: 'upcoming' | 'active' | 'past') => `MAINTENANCE#${phase}`,
  all: 'MAINTENANCES',
  scheduled: (scheduledFor: string, maintenanceId: string) => `${scheduledFor}#${maintenanceId}`,
};

export const incidentIndexKeys = {
  state: (state: 'open' | 'resolved') => `STATE#${state}`,
  all: 'INCIDENTS',
  started: (startedAt: string, incidentId: string) => `${startedAt}#${incidentId}`,
};

/** A subscriber's own partition, and the item that holds its address once (uniqueness). */
export const subscriberKeys = {
  partition: (subscriberId: string) => `${partitionKeyPrefixes.recipient.subscriber}${subscriberId}`,
  profile: 'PROFILE',
  addressPartition: (normalizedEmail: string) => `${partitionKeyPrefixes.recipient.address}${normalizedEmail}`,
  address: 'ADDRESS',
};

export const subscriberIndexKeys = {
  audience: (locale: string, shard: number) => `AUDIENCE#${locale}#${String(shard).padStart(2, '0')}`,
  list: (shard: number) => `SUBSCRIBERS#${String(shard).padStart(2, '0')}`,
  listed: (createdAt: string, subscriberId: string) => `${createdAt}#${subscriberId}`,
};

/** A mail the API asked for; its insert is what the stream hands the email workers. */
export const mailRequestKeys = {
  partition: (requestId: string) => `${partitionKeyPrefixes.main.mailRequest}${requestId}`,
  record: 'REQUEST',
};

/**
 * The email channel's per-recipient ledger of one update in one locale, spread over the audience's
 * shards so a million recipients are written to many partitions, never one.
 */
export const mailKeys = {
  pagePartition: (incidentId: string, seq: number, locale: string) => `${partitionKeyPrefixes.recipient.mailPlan}${incidentId}#${String(seq).padStart(8, '0')}#${locale}`,
  page: (shard: number, page: number) => `${String(shard).padStart(2, '0')}#${String(page).padStart(8, '0')}`,
  batch: (shard: number, page: number, batch: number) => `BATCH#${String(shard).padStart(2, '0')}#${String(page).padStart(8, '0')}#${String(batch).padStart(4, '0')}`,
  // Not per locale: a subscriber whose language changes mid-send is still mailed the update once.
  recipientPartition: (incidentId: string, seq: number, shard: number) => `${partitionKeyPrefixes.recipient.mailRecipient}${incidentId}#${String(seq).padStart(8, '0')}#${String(shard).padStart(2, '0')}`,
  recipient: (subscriberId: string) => subscriberId,
};

/** A fixed counting window of one client for one rate rule. */
export const rateWindowKeys = {
  partition: (key: string, windowStart: number) => `${partitionKeyPrefixes.main.rateWindow}${key}#${windowStart}`,
  record: 'WINDOW',
};

/** Webhook subscribers, all in one partition of the recipient table, by id (so by creation). */
export const webhookKeys = {
  partition: partitionKeyPrefixes.recipient.webhook,
  subscriber: (webhookId: string) => webhookId,
};

/** The webhook subscribers planned for one update in one locale, one item each. */
export const webhookRecipientKeys = {
  partition: (incidentId: string, seq: number, locale: string) => `${partitionKeyPrefixes.recipient.webhookRecipient}${incidentId}#${String(seq).padStart(8, '0')}#${locale}`,
  recipient: (webhookId: string) => webhookId,
};
