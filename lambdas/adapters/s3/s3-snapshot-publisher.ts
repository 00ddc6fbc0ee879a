import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SnapshotPublisher } from '../../core/ports/snapshot-publisher.js';
import type { SnapshotObject } from '../../core/snapshot/snapshot-object.js';

/**
 * Publishes the public snapshot into the status site's bucket, each object with its content type
 * and cache policy, side by side. CloudFront serves them (S3 gives each a strong ETag, so readers'
 * conditional GETs are answered 304 at the edge).
 *
 * @example
 * const publisher = new S3SnapshotPublisher(new S3Client({}), 'status-site-bucket');
 */
export class S3SnapshotPublisher implements SnapshotPublisher {
  constructor(
    private readonly s3: S3Client,
    private readonly bucketName: string,
  ) {}

  async publish(objects: readonly SnapshotObject[]): Promise<void> {
    await Promise.all(
      objects.map((object) =>
        this.s3.send(
          new PutObjectCommand({
            Bucket: this.bucketName,
            Key: object.key,
            Body: object.body,
            ContentType: object.contentType,
            CacheControl: object.cacheControl,
          }),
        ),
      ),
    );
  }
}
