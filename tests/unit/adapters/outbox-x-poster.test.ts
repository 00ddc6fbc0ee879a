import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutboxXPoster } from '../../../lambdas/adapters/x/outbox-x-poster.js';
import { XDuplicateContent } from '../../../lambdas/core/ports/x-post-errors.js';

const aPost = (text: string) => ({ text, locale: 'en', incidentId: 'inc_1', updateId: 'upd_1' });

describe('the local X outbox', () => {
  it('refuses a text it already holds, as X does, even after a restart over the same outbox', async () => {
    const outboxDir = mkdtempSync(join(tmpdir(), 'outbox-x-'));
    await new OutboxXPoster({ outboxDir }).post(aPost('We are investigating.'));
    // The runtime died after the post; the one that takes over reads what was posted from x.jsonl.
    const restarted = new OutboxXPoster({ outboxDir });
    await expect(restarted.post(aPost('We are investigating.'))).rejects.toBeInstanceOf(XDuplicateContent);
    await restarted.post(aPost('We are investigating. · 10:04:31'));
    const lines = readFileSync(join(outboxDir, 'x.jsonl'), 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { text: string }).text);
    expect(lines).toEqual(['We are investigating.', 'We are investigating. · 10:04:31']);
  });

  it('lets only one of two copies posting the same text at once through', async () => {
    const poster = new OutboxXPoster({ outboxDir: mkdtempSync(join(tmpdir(), 'outbox-x-')) });
    const outcomes = await Promise.allSettled([poster.post(aPost('Resolved.')), poster.post(aPost('Resolved.'))]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
  });
});
