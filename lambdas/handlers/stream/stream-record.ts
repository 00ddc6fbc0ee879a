import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import * as z from 'zod/mini';
import '../../core/validation/english-issues.js';
import { redriveRequestSchema } from '../../core/delivery/redrive-request.js';
import type { RedriveRequest } from '../../core/delivery/redrive-request.js';
import { timelineUpdateSchema } from '../../core/incident/model.js';
import type { TimelineUpdate } from '../../core/incident/model.js';
import { itemTypes, tableDefinition } from '../../core/store/table-definition.js';
import { mailRequestSchema } from '../../core/subscribers/mail-request.js';
import type { MailRequest } from '../../core/subscribers/mail-request.js';

const streamRecordSchema = z.object({
  eventName: z.enum(['INSERT', 'MODIFY', 'REMOVE']),
  dynamodb: z.object({ NewImage: z.optional(z.record(z.string(), z.unknown())) }),
});

/** What the fan-out acts on: a new timeline update, a new mail request of the subscriber list, or a commander's redrive. */
export type StreamItem =
  | { type: 'update'; update: TimelineUpdate }
  | { type: 'mail-request'; request: MailRequest }
  | { type: 'redrive-request'; redrive: RedriveRequest };

/**
 * The item a stream record inserted, when it is one the fan-out acts on; `undefined` for any other
 * change. The deployed stream filter already keeps only these inserts; this holds for the local
 * poller too.
 *
 * @example
 * const item = streamItemOf(record); // { type: 'update', update } | { type: 'mail-request', request } | undefined
 */
export function streamItemOf(record: unknown): StreamItem | undefined {
  const { eventName, dynamodb } = streamRecordSchema.parse(record);
  if (eventName !== 'INSERT' || !dynamodb.NewImage) return undefined;
  const item = unmarshall(dynamodb.NewImage as Record<string, AttributeValue>);
  switch (item[tableDefinition.typeAttribute]) {
    case itemTypes.update:
      return { type: 'update', update: timelineUpdateSchema.parse(item) };
    case itemTypes.mailRequest:
      return { type: 'mail-request', request: mailRequestSchema.parse(item) };
    case itemTypes.redriveRequest:
      return { type: 'redrive-request', redrive: redriveRequestSchema.parse(item) };
    default:
      return undefined;
  }
}
