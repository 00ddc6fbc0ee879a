import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBStreamsClientConfig, _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import type { BundledFunction } from './bundled-function.js';
import type { EventSourceMapping } from './event-source-mapping.js';
import { passesFilterCriteria } from './lambda-filter-criteria.js';

/** What one drain of the stream did: every record read, and those the filter let through to the function. */
export interface StreamDrain {
  readonly read: DynamoDBRecord[];
  readonly delivered: DynamoDBRecord[];
}

/**
 * Lambda's event source mapping over a DynamoDB stream in moto, which runs no mapping itself without
 * its Docker-backed Lambda: reads moto's real stream records in shard order from the trim horizon
 * (the fan-out mapping's StartingPosition), applies the mapping's FilterCriteria to each record in
 * the shape Lambda gives the function, and hands what passes to the function in batches of the
 * mapping's BatchSize. A failure the function reports fails the drain: no test here expects one, and
 * Lambda's retry, bisection and on-failure destination are not emulated.
 *
 * @example
 * const stream = new StreamEventSource(endpointConfig, fanoutMapping, fanout);
 * const { read, delivered } = await stream.drain();
 */
export class StreamEventSource {
  private readonly client: DynamoDBStreamsClient;
  private readonly iterators = new Map<string, string | undefined>();

  constructor(
    clientConfig: DynamoDBStreamsClientConfig,
    private readonly mapping: EventSourceMapping,
    private readonly handler: BundledFunction,
  ) {
    // LATEST would have to start at the moment the mapping is created; no test here reads such a mapping.
    if (mapping.startingPosition !== 'TRIM_HORIZON') throw new Error(`${mapping.logicalId}: starting position ${String(mapping.startingPosition)} is not emulated (tests/support/stream-event-source.ts reads from TRIM_HORIZON)`);
    this.client = new DynamoDBStreamsClient(clientConfig);
  }

  /** Reads every record written since the last drain and hands the ones the filter passes to the function. */
  async drain(): Promise<StreamDrain> {
    const read = await this.readNewRecords();
    const delivered = read.filter((record) => passesFilterCriteria(this.mapping.filterCriteria, record));
    for (let start = 0; start < delivered.length; start += this.mapping.batchSize) await this.deliver(delivered.slice(start, start + this.mapping.batchSize));
    return { read, delivered };
  }

  /** Hands records to the function again, as Lambda does after a failed invocation of their batch. */
  async redeliver(records: DynamoDBRecord[]): Promise<void> {
    await this.deliver(records);
  }

  private async deliver(records: DynamoDBRecord[]): Promise<void> {
    const response = (await this.handler({ Records: records })) as DynamoDBBatchResponse | undefined;
    const failures = response?.batchItemFailures ?? [];
    if (failures.length > 0) {
      throw new Error(`${this.mapping.logicalId}: the function failed stream records ${failures.map((failure) => failure.itemIdentifier).join(', ')}; see its log above`);
    }
  }

  private async readNewRecords(): Promise<DynamoDBRecord[]> {
    const { StreamDescription } = await this.client.send(new DescribeStreamCommand({ StreamArn: this.mapping.sourceArn }));
    const records: DynamoDBRecord[] = [];
    for (const { ShardId } of StreamDescription?.Shards ?? []) {
      if (!ShardId) continue;
      if (!this.iterators.has(ShardId)) {
        const { ShardIterator } = await this.client.send(new GetShardIteratorCommand({ StreamArn: this.mapping.sourceArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
        this.iterators.set(ShardId, ShardIterator);
      }
      for (let iterator = this.iterators.get(ShardId); iterator; ) {
        const { Records = [], NextShardIterator } = await this.client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        records.push(...Records.map((record) => this.asLambdaRecord(record)));
        this.iterators.set(ShardId, NextShardIterator);
        iterator = Records.length > 0 ? NextShardIterator : undefined;
      }
    }
    return records;
  }

  /** The record as Lambda's event carries it: the wire shape of GetRecords, times in epoch seconds. */
  private asLambdaRecord(record: StreamRecord): DynamoDBRecord {
    const { dynamodb } = record;
    return {
      ...(record.eventID ? { eventID: record.eventID } : {}),
      ...(record.eventName ? { eventName: record.eventName } : {}),
      ...(record.eventVersion ? { eventVersion: record.eventVersion } : {}),
      eventSource: record.eventSource ?? 'aws:dynamodb',
      ...(record.awsRegion ? { awsRegion: record.awsRegion } : {}),
      eventSourceARN: this.mapping.sourceArn,
      dynamodb: {
        ...(dynamodb?.ApproximateCreationDateTime ? { ApproximateCreationDateTime: Math.floor(dynamodb.ApproximateCreationDateTime.getTime() / 1000) } : {}),
        ...(dynamodb?.Keys ? { Keys: wireImage(dynamodb.Keys) } : {}),
        ...(dynamodb?.NewImage ? { NewImage: wireImage(dynamodb.NewImage) } : {}),
        ...(dynamodb?.OldImage ? { OldImage: wireImage(dynamodb.OldImage) } : {}),
        ...(dynamodb?.SequenceNumber ? { SequenceNumber: dynamodb.SequenceNumber } : {}),
        ...(dynamodb?.SizeBytes !== undefined ? { SizeBytes: dynamodb.SizeBytes } : {}),
        ...(dynamodb?.StreamViewType ? { StreamViewType: dynamodb.StreamViewType } : {}),
      },
    } as DynamoDBRecord;
  }
}

type WireValue = Record<string, unknown>;

/** An image as JSON carries it: the SDK turns binary values into bytes, Lambda's event keeps them base64. */
function wireImage(image: Record<string, AttributeValue>): Record<string, WireValue> {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, wireValue(value)]));
}

function wireValue(value: AttributeValue): WireValue {
  if (value.B) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS) return { BS: value.BS.map((bytes) => Buffer.from(bytes).toString('base64')) };
  if (value.M) return { M: wireImage(value.M) };
  if (value.L) return { L: value.L.map(wireValue) };
  return Object.fromEntries(Object.entries(value));
}
