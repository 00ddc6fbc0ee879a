import * as lambda from 'aws-cdk-lib/aws-lambda';
import { itemTypes, tableDefinition } from '../lambdas/core/store/table-definition.js';

/** A stream filter pattern that lets through inserts of one item type only. */
function insertsOf(type: string) {
  return {
    eventName: lambda.FilterRule.isEqual('INSERT'),
    dynamodb: { NewImage: { [tableDefinition.typeAttribute]: { S: lambda.FilterRule.isEqual(type) } } },
  };
}

/**
 * What wakes the fan-out, as filter patterns of which any one must match: inserts of new timeline
 * updates (fanned out to the channels), inserts of mail requests (a confirmation or preferences
 * mail the API stored, handed to the email senders) and inserts of redrive requests (a commander's
 * redrive of failed deliveries, published again). Every other write (incidents, deliveries,
 * subscribers, feed items, idempotency records, the email ledger) is dropped by Lambda's filter
 * before it costs an invocation.
 */
export const fanoutStreamFilter = [insertsOf(itemTypes.update), insertsOf(itemTypes.mailRequest), insertsOf(itemTypes.redriveRequest)];

/** With the email channel switched off nothing sends mail, so mail requests are left in the table. */
export const fanoutStreamFilterWithoutEmail = [insertsOf(itemTypes.update), insertsOf(itemTypes.redriveRequest)];

/** What changes the public snapshot: a new timeline update (the status, the open incidents) or feed item. */
export const snapshotStreamFilter = [insertsOf(itemTypes.update), insertsOf(itemTypes.feed)];
