import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3SnapshotPublisher } from '../../../lambdas/adapters/s3/s3-snapshot-publisher.js';
import { buildPublicSnapshot } from '../../../lambdas/core/snapshot/build-public-snapshot.js';
import { aConfig } from '../../support/builders.js';

const s3 = mockClient(S3Client);
const client = () => new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const config = aConfig();

beforeEach(() => s3.reset());

describe('the snapshot in the status bucket', () => {
  it('puts every object at its key with its content type and cache policy, which CloudFront and readers then honour', async () => {
    s3.on(PutObjectCommand).resolves({ ETag: '"e"' });
    const objects = buildPublicSnapshot({ open: [], maintenances: [], feeds: {}, config, now: '2024-12-12T08:00:00.000Z' });
    await new S3SnapshotPublisher(client(), 'status-bucket').publish(objects);
    const puts = s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    expect(puts.map((put) => put.Key).sort()).toEqual(['snapshot/feed-en.json', 'snapshot/feed-id.json', 'snapshot/incidents-open.json', 'v1/status']);
    for (const put of puts) {
      expect(put).toMatchObject({
        Bucket: 'status-bucket',
        ContentType: 'application/json; charset=utf-8',
        CacheControl: `public, max-age=${config.statusCacheSeconds}, stale-while-revalidate=${config.statusCacheSeconds}, stale-if-error=86400`,
      });
      expect(put.Body).toBe(objects.find((object) => object.key === put.Key)!.body);
    }
  });

  it('fails the publish when S3 refuses an object, so the stream retries it and the next tick mends it', async () => {
    s3.on(PutObjectCommand).resolves({}).on(PutObjectCommand, { Key: 'v1/status' }).rejects(new Error('SlowDown'));
    const objects = buildPublicSnapshot({ open: [], maintenances: [], feeds: {}, config, now: '2024-12-12T08:00:00.000Z' });
    await expect(new S3SnapshotPublisher(client(), 'status-bucket').publish(objects)).rejects.toThrow('SlowDown');
  });
});
