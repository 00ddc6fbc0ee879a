import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { processInOrderPerGroup } from '../../../lambdas/handlers/queued/process-in-order-per-group.js';

function aMessage(body: string, group?: string): SQSRecord {
  return {
    messageId: `message-${body}`,
    receiptHandle: `receipt-${body}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '0',
      SenderId: 'test',
      ApproximateFirstReceiveTimestamp: '0',
      ...(group ? { MessageGroupId: group, MessageDeduplicationId: body, SequenceNumber: '1' } : {}),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:test.fifo',
    awsRegion: 'us-east-1',
  };
}
const batchOf = (...records: SQSRecord[]): SQSEvent => ({ Records: records });

describe('a queue batch handled in order per message group', () => {
  it('handles one group’s messages in order while other groups run beside it', async () => {
    const batch = batchOf(aMessage('a1', 'inc_a.en'), aMessage('b1', 'inc_b.en'), aMessage('a2', 'inc_a.en'), aMessage('a3', 'inc_a.en'), aMessage('c1', 'inc_a.id'));
    const started: string[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const answer = await processInOrderPerGroup(batch, async (record) => {
      started.push(record.body);
      mostAtOnce = Math.max(mostAtOnce, ++running);
      await new Promise((done) => setTimeout(done, 5));
      running--;
    });
    expect(answer.batchItemFailures).toEqual([]);
    expect(started.filter((body) => body.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    // Three groups at once: a slow group costs the batch its own time, not the others'.
    expect(mostAtOnce).toBe(3);
  });

  it('after a failure, sends that message and its group’s later ones back unhandled, and handles every other group', async () => {
    const batch = batchOf(aMessage('a1', 'hook_1'), aMessage('a2', 'hook_1'), aMessage('b1', 'hook_2'), aMessage('a3', 'hook_1'), aMessage('b2', 'hook_2'));
    const handled: string[] = [];
    const answer = await processInOrderPerGroup(batch, async (record) => {
      if (record.body === 'a2') throw new Error('the receiver answered 503');
      handled.push(record.body);
    });
    expect(handled.sort()).toEqual(['a1', 'b1', 'b2']);
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: 'message-a2' }, { itemIdentifier: 'message-a3' }]);
  });

  it('handles messages without a group (a standard queue’s) each on its own, a failure sending back only itself', async () => {
    const batch = batchOf(aMessage('p1'), aMessage('p2'), aMessage('p3'));
    let running = 0;
    let mostAtOnce = 0;
    const answer = await processInOrderPerGroup(batch, async (record) => {
      mostAtOnce = Math.max(mostAtOnce, ++running);
      await new Promise((done) => setTimeout(done, 5));
      running--;
      if (record.body === 'p1') throw new Error('DynamoDB throttled');
    });
    expect(mostAtOnce).toBe(3);
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: 'message-p1' }]);
  });
});
