import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { itemTypes } from '../../lambdas/core/store/table-definition.js';
import { fanoutStreamFilter } from '../../lib/stream-filters.js';
import { passesFilterCriteria } from '../support/lambda-filter-criteria.js';
import type { FilterCriteria } from '../support/lambda-filter-criteria.js';

/** The fan-out mapping's criteria as CDK writes them into the template. */
const fanoutCriteria: FilterCriteria = { Filters: fanoutStreamFilter.map((pattern) => ({ Pattern: String(lambda.FilterCriteria.filter(pattern)['pattern']) })) };

/** A stream record as Lambda's event carries it: attribute values in DynamoDB's JSON. */
function aStreamRecord(eventName: string, type: string | undefined) {
  return {
    eventName,
    eventSource: 'aws:dynamodb',
    dynamodb: { Keys: { pk: { S: 'INCIDENT#inc_1' }, sk: { S: 'UPDATE#00000001' } }, ...(type === undefined ? {} : { NewImage: { type: { S: type } } }) },
  };
}

// The AWS-emulator suite applies the fan-out's filter to moto's stream with this evaluator; these pin
// down that it means what Lambda means, so a record it passes there would reach the deployed fan-out.
describe('Lambda filter criteria, as the AWS-emulator suite evaluates them', () => {
  it('lets through inserts of timeline updates, mail requests and redrive requests', () => {
    for (const type of [itemTypes.update, itemTypes.mailRequest, itemTypes.redriveRequest]) {
      expect(passesFilterCriteria(fanoutCriteria, aStreamRecord('INSERT', type)), type).toBe(true);
    }
  });

  it('drops other item types, changes and removals of updates, and records without a new image', () => {
    expect(passesFilterCriteria(fanoutCriteria, aStreamRecord('INSERT', itemTypes.delivery))).toBe(false);
    expect(passesFilterCriteria(fanoutCriteria, aStreamRecord('INSERT', itemTypes.feed))).toBe(false);
    expect(passesFilterCriteria(fanoutCriteria, aStreamRecord('MODIFY', itemTypes.update))).toBe(false);
    expect(passesFilterCriteria(fanoutCriteria, aStreamRecord('REMOVE', undefined))).toBe(false);
  });

  it('compares exact values by type: a number never equals its digits as a string', () => {
    const criteria: FilterCriteria = { Filters: [{ Pattern: JSON.stringify({ dynamodb: { NewImage: { seq: { N: ['3'] } } } }) }] };
    expect(passesFilterCriteria(criteria, { dynamodb: { NewImage: { seq: { N: '3' } } } })).toBe(true);
    expect(passesFilterCriteria(criteria, { dynamodb: { NewImage: { seq: { N: 3 } } } })).toBe(false);
  });

  it('matches a list in the record when any of its elements is allowed', () => {
    const criteria: FilterCriteria = { Filters: [{ Pattern: JSON.stringify({ channels: ['x'] }) }] };
    expect(passesFilterCriteria(criteria, { channels: ['inapp', 'x'] })).toBe(true);
    expect(passesFilterCriteria(criteria, { channels: ['inapp'] })).toBe(false);
  });

  it('does not reach into a value that is not an object', () => {
    expect(passesFilterCriteria(fanoutCriteria, { eventName: 'INSERT', dynamodb: 'update' })).toBe(false);
  });

  it('lets everything through a mapping without criteria', () => {
    expect(passesFilterCriteria(undefined, aStreamRecord('REMOVE', undefined))).toBe(true);
  });

  it('refuses an operator it does not evaluate instead of guessing, whatever the record holds, naming where it is', () => {
    const criteria: FilterCriteria = { Filters: [{ Pattern: JSON.stringify({ dynamodb: { NewImage: { type: { S: [{ prefix: 'upd' }] } } } }) }] };
    expect(() => passesFilterCriteria(criteria, aStreamRecord('INSERT', itemTypes.delivery))).toThrow(/dynamodb\.NewImage\.type\.S uses \{"prefix":"upd"\}/);
  });
});
