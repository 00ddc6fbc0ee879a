import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aDeclaration, anUpdateBody } from '../support/builders.js';
import { eventually } from '../support/eventually.js';
import { aLocalRuntimeWith } from '../support/local-runtime-with.js';
import { xPostsIn } from '../support/outbox.js';

// Commanders' text arrives with whatever the clipboard held: a right-to-left override that makes
// "gnp.exe" read as "exe.png", a NUL that cuts strings in C code and mail headers, Windows line
// ends, invisible characters. The status page, the widget, the JSON answers, mails and X posts all
// show what is stored, so it is stored cleaned. Through the whole local runtime over HTTP, on
// DynamoDB Local.

const hostileTitle = '\u202eChat\u0000 and API\r\ndown\u2066 again\u2069\u200b\t\ufeff';
const cleanTitle = 'Chat and API down again';
const hostileMessage = 'We are\u0000 investigating.\u0007\r\n\r\n\r\n\u202eNext update\u200b within the hour.\u2028Thanks \u{1F64F}\u{1F3FD}\u001b[2J';
const cleanMessage = 'We are investigating.\n\nNext update within the hour.\nThanks \u{1F64F}\u{1F3FD}[2J';
const hostileIndonesian = 'Kami\u0000 sedang\u202e menyelidikinya.\r\nPembaruan\u2067 berikutnya segera.';
const cleanIndonesian = 'Kami sedang menyelidikinya.\nPembaruan berikutnya segera.';

/** Characters no stored or shown commander text may hold (the kept ones: \n, ZWJ, LRM, RLM, ALM). */
const unwanted = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200B\u202A-\u202E\u2028\u2029\u2060-\u206F\uFEFF]/u;
/** The same characters as JSON may escape them in an answer's text. */
const unwantedEscaped = /\\u(00[01][0-9a-f]|007f|00[89][0-9a-f]|200b|202[a-e89]|206[0-9a-f]|feff)|\\[rtbf]/i;

let local: Awaited<ReturnType<typeof aLocalRuntimeWith>>;
let incidentId: string;

beforeAll(async () => {
  local = await aLocalRuntimeWith();
  const declared = await local.api.declare(aDeclaration({ title: hostileTitle, message: { en: hostileMessage, id: hostileIndonesian }, impact: 'major' }));
  expect(declared.status, declared.text).toBe(201);
  incidentId = declared.json.id as string;
});

afterAll(async () => {
  await local?.runtime.stop();
});

function expectClean(text: string, where: string): void {
  expect(text, `${where} holds a control, bidi or invisible character`).not.toMatch(unwanted);
  expect(text, `${where} holds an escaped control, bidi or invisible character`).not.toMatch(unwantedEscaped);
}

describe("commanders' text with bidi overrides, NUL, CR LF and invisible characters", () => {
  it('titles with bidi overrides and NUL are stored without them, and the message keeps its line breaks', async () => {
    const answer = await local.api.get(`/v1/incidents/${incidentId}`);
    expect(answer.status).toBe(200);
    expect(answer.json.title).toBe(cleanTitle);
    expect(answer.json.updates[0].message).toEqual({ en: cleanMessage, id: cleanIndonesian });
    expectClean(answer.text, 'GET /v1/incidents/{id}');
  });

  it('the table holds the cleaned texts, not the typed ones', async () => {
    const { Items = [] } = await local.runtime.db.send(new ScanCommand({ TableName: local.runtime.tableName, ConsistentRead: true }));
    const mine = Items.filter((item) => item['id'] === incidentId || item['incidentId'] === incidentId);
    expect(mine.find((item) => item['type'] === 'incident')?.['title']).toBe(cleanTitle);
    expect(mine.find((item) => item['type'] === 'update')?.['message']).toEqual({ en: cleanMessage, id: cleanIndonesian });
    expectClean(JSON.stringify(mine), 'the stored items');
  });

  it('an update stores its message cleaned, and the listing and the status answer show the cleaned title', async () => {
    const updated = await local.api.update(incidentId, anUpdateBody({ message: `Rolled back.\u0000\r\n\u202eWatching\u200b closely.` }));
    expect(updated.status, updated.text).toBe(201);
    expect(updated.json.updates[1].message.en).toBe('Rolled back.\nWatching closely.');
    expectClean(updated.text, 'the update answer');

    // /v1/status is the published snapshot, which follows the stream: it holds the incident once the pipeline has passed.
    expect(await local.runtime.pipeline.settled()).toBe(true);
    for (const path of ['/v1/incidents?state=open', '/v1/status']) {
      const answer = await local.api.get(path);
      expect(answer.text).toContain(cleanTitle);
      expectClean(answer.text, path);
    }
  });

  it('the preview shows the cleaned title and message on every channel and locale', async () => {
    const answer = await local.api.call('POST', `/v1/incidents/${incidentId}/preview`, anUpdateBody({ message: { en: hostileMessage, id: hostileIndonesian } }));
    expect(answer.status, answer.text).toBe(200);
    const messages = answer.json.messages as { channel: string; locale: string; subject?: string; title?: string; text: string; html?: string }[];
    expect(messages.map((message) => `${message.channel}:${message.locale}`).sort()).toEqual(['email:en', 'email:id', 'inapp:en', 'inapp:id', 'webhook:en', 'webhook:id', 'x:en']);
    expectClean(answer.text, 'the preview answer');
    const email = messages.find((message) => message.channel === 'email' && message.locale === 'en')!;
    expect(email.subject).toContain(cleanTitle);
    expect(email.text).toContain('Next update within the hour.');
    expect(email.text).not.toContain('We are\u0000');
    const inapp = messages.find((message) => message.channel === 'inapp' && message.locale === 'id')!;
    expect(inapp.text).toContain('Kami sedang menyelidikinya.');
  });

  it('the in-app feed and the X post carry the cleaned texts', async () => {
    const feed = await eventually(
      () => local.api.get('/v1/feed?locale=en'),
      (answer) => (answer.json.items as { incidentId: string }[]).some((item) => item.incidentId === incidentId),
      30_000,
    );
    expect(feed.text).toContain(cleanTitle);
    expectClean(feed.text, 'GET /v1/feed');

    const posts = await eventually(async () => xPostsIn(local.outboxDir).filter((post) => post.incidentId === incidentId), (mine) => mine.length > 0, 30_000);
    expect(posts).not.toEqual([]);
    for (const post of posts) expectClean(post.text, 'the X post');
    expect(posts[0]!.text).toContain('Next update within the hour.');
  });
});
