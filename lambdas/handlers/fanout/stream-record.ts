import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { timelineUpdateSchema } from '../../core/incident/model.js';
import type { TimelineUpdate } from '../../core/incident/model.js';
import { itemTypes, tableDefinition } from '../../core/store/table-definition.js';

const streamRecordSchema = z.object({
  eventName: z.enum(['INSERT', 'MODIFY', 'REMOVE']),
  dynamodb: z.object({ NewImage: z.record(z.string(), z.unknown()).optional() }),
});

/**
 * The timeline update a stream record carries, or undefined for any other change. The deployed
 * stream filter already keeps only inserted timeline items; this holds for the local poller too.
 *
 * @example
 * const update = timelineUpdateOf(record); // TimelineUpdate | undefined
 */
export function timelineUpdateOf(record: unknown): TimelineUpdate | undefined {
  const { eventName, dynamodb } = streamRecordSchema.parse(record);
  if (eventName !== 'INSERT' || !dynamodb.NewImage) return undefined;
  const item = unmarshall(dynamodb.NewImage as Record<string, AttributeValue>);
  if (item[tableDefinition.typeAttribute] !== itemTypes.update) return undefined;
  return timelineUpdateSchema.parse(item);
}
