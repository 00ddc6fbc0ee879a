import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SnapshotPublisher } from '../../lambdas/core/ports/snapshot-publisher.js';
import type { SnapshotObject } from '../../lambdas/core/snapshot/snapshot-object.js';

/** A published object as the local server sends it: the bytes prebuilt, the strong ETag computed once. */
export interface ServedObject {
  body: Buffer;
  etag: string;
  /** The headers of a 200, built once. */
  headers: Record<string, string>;
  /** The headers of a 304 to a current If-None-Match, built once. */
  notModifiedHeaders: Record<string, string>;
}

/** What the distribution's response headers policy adds: customers' apps and the widget read the snapshot from their own origins. */
const corsHeaders = { 'access-control-allow-origin': '*' };

/**
 * The status site's bucket on a laptop: the published snapshot kept in memory as ready-to-send
 * buffers with strong ETags (as S3 and CloudFront answer them), and written to disk under
 * `<directory>/<key>` so it can be looked at.
 *
 * @example
 * const site = new LocalStatusSite(join(outboxDir, 'status-site'));
 * site.find('v1/status'); // { body, etag, headers } once the pipeline has published
 */
export class LocalStatusSite implements SnapshotPublisher {
  private readonly objects = new Map<string, ServedObject>();

  constructor(readonly directory: string) {}

  async publish(objects: readonly SnapshotObject[]): Promise<void> {
    for (const object of objects) {
      const body = Buffer.from(object.body);
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      this.objects.set(object.key, {
        body,
        etag,
        headers: { ...corsHeaders, 'content-type': object.contentType, 'cache-control': object.cacheControl, etag, 'content-length': String(body.byteLength) },
        notModifiedHeaders: { ...corsHeaders, 'cache-control': object.cacheControl, etag },
      });
    }
    await Promise.all(objects.map((object) => writeAtomically(join(this.directory, object.key), object.body)));
  }

  /** The object at `key` (a path without its leading slash), once published. */
  find(key: string): ServedObject | undefined {
    return this.objects.get(key);
  }
}

/** Readers of the file never see half of it: write beside it, then rename over it. */
async function writeAtomically(path: string, body: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, body);
  await rename(temporary, path);
}
