import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { createRequestSchemas } from '../../../lambdas/core/incident/request-schemas.js';
import { createSubscriptionSchemas } from '../../../lambdas/core/subscribers/subscription-schemas.js';
import { describeIssues } from '../../../lambdas/core/validation/describe-issues.js';
import { aConfig, aDeclaration, anUpdateBody, aPostmortemBody } from '../../support/builders.js';

const { declareIncidentSchema, addUpdateSchema, publishPostmortemSchema, previewSchema } = createRequestSchemas(aConfig());
const { subscribe: subscribeSchema } = createSubscriptionSchemas(aConfig());

function rejectedPaths(schema: z.ZodMiniType, body: unknown) {
  const result = schema.safeParse(body);
  expect(result.success).toBe(false);
  return describeIssues(result.error!.issues).map((issue) => issue.path);
}

describe('declare incident body', () => {
  it('accepts the example of docs/api.md and applies defaults', () => {
    const parsed = declareIncidentSchema.parse(aDeclaration());
    expect(parsed).toMatchObject({ status: 'investigating', notify: true });
  });

  it.each([
    ['title', { title: '' }],
    ['title', { title: 'x'.repeat(201) }],
    ['impact', { impact: 'apocalyptic' }],
    ['status', { status: 'resolved' }],
    ['message', { message: '' }],
    ['message', { message: 'x'.repeat(5001) }],
    ['message', { message: { id: 'Hanya bahasa Indonesia' } }],
    ['components.0.id', { components: [{ id: 'billing', status: 'major_outage' }] }],
    ['components.0.status', { components: [{ id: 'api', status: 'on_fire' }] }],
    ['components', { components: [{ id: 'api', status: 'major_outage' }, { id: 'api', status: 'partial_outage' }] }],
    ['notify', { notify: 'yes' }],
    ['channels.0', { channels: ['fax'] }],
    ['channels', { channels: ['x', 'x'] }],
    ['channels', { channels: [] }],
  ])('names %s when it is invalid (%j)', (path, override) => {
    expect(rejectedPaths(declareIncidentSchema, aDeclaration(override))).toContain(path);
  });

  it('names a missing required field', () => {
    const { title: _title, ...withoutTitle } = aDeclaration();
    expect(rejectedPaths(declareIncidentSchema, withoutTitle)).toContain('title');
  });

  it('rejects unknown fields, including prototype-pollution keys', () => {
    const body = JSON.parse('{"title":"t","impact":"minor","message":"m","__proto__":{"admin":true}}');
    const result = declareIncidentSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
  });

  it('counts lengths in code points, so 200 emoji make a valid title', () => {
    expect(declareIncidentSchema.safeParse(aDeclaration({ title: '🔥'.repeat(200) })).success).toBe(true);
    expect(declareIncidentSchema.safeParse(aDeclaration({ title: '🔥'.repeat(201) })).success).toBe(false);
  });
});

describe('update body', () => {
  it('accepts resolved', () => {
    expect(addUpdateSchema.parse(anUpdateBody({ status: 'resolved' })).status).toBe('resolved');
  });

  it.each([
    ['status', { status: 'fixed' }],
    ['message', { message: 42 }],
    ['impact', { impact: 'huge' }],
  ])('names %s when it is invalid', (path, override) => {
    expect(rejectedPaths(addUpdateSchema, anUpdateBody(override))).toContain(path);
  });
});

describe('postmortem body', () => {
  it('takes a text or a map by locale, and leaves notify to the lifecycle when it is not given', () => {
    expect(publishPostmortemSchema.parse({ body: 'Why it broke.' })).toEqual({ body: 'Why it broke.' });
    expect(publishPostmortemSchema.parse(aPostmortemBody({ notify: false })).notify).toBe(false);
  });

  it('holds up to 20,000 code points in each locale, counted after cleaning', () => {
    expect(publishPostmortemSchema.safeParse({ body: '🔥'.repeat(20_000) }).success).toBe(true);
    expect(publishPostmortemSchema.safeParse({ body: { en: 'x'.repeat(20_000), id: `${'y'.repeat(20_000)}\u200b\u0000` } }).success).toBe(true);
    expect(rejectedPaths(publishPostmortemSchema, { body: 'x'.repeat(20_001) })).toEqual(['body']);
    expect(rejectedPaths(publishPostmortemSchema, { body: { en: 'Why.', id: 'x'.repeat(20_001) } })).toEqual(['body.id']);
  });

  it('keeps paragraphs and removes what a reader cannot see, like an update message', () => {
    expect(publishPostmortemSchema.parse({ body: 'What happened.\u0000\r\n\r\n\r\n\u202eWhat we change.' }).body).toBe('What happened.\n\nWhat we change.');
  });

  it.each([
    ['body', {}],
    ['body', { body: '' }],
    ['body', { body: '\u200b\u202e \r\n' }],
    ['body', { body: { id: 'Hanya bahasa Indonesia' } }],
    ['body.fr', { body: { en: 'Why.', fr: 'Pourquoi.' } }],
    ['notify', { body: 'Why.', notify: 'yes' }],
    ['message', { body: 'Why.', message: 'Why.' }],
  ])('names %s when it is invalid (%j)', (path, body) => {
    expect(rejectedPaths(publishPostmortemSchema, body)).toContain(path);
  });
});

describe('preview body: an update, or a postmortem', () => {
  it('takes an update body as before', () => {
    expect(previewSchema.parse(anUpdateBody({ status: 'resolved' }))).toMatchObject({ status: 'resolved', notify: true });
  });

  it('takes { postmortem } with the rules of the postmortem body', () => {
    expect(previewSchema.parse({ postmortem: { en: 'Why.\r\n\r\nFix.' } })).toEqual({ postmortem: { en: 'Why.\n\nFix.' } });
    expect(rejectedPaths(previewSchema, { postmortem: 'x'.repeat(20_001) })).toEqual(['postmortem']);
  });

  it('names the fields of the shape the body is written in, not a bare "Invalid input"', () => {
    expect(rejectedPaths(previewSchema, {})).toEqual(['status', 'message']);
    expect(rejectedPaths(previewSchema, anUpdateBody({ status: 'fixed' }))).toEqual(['status']);
    expect(rejectedPaths(previewSchema, anUpdateBody({ titel: 'x' }))).toEqual(['titel']);
    expect(rejectedPaths(previewSchema, { postmortem: { id: 'Hanya bahasa Indonesia' } })).toEqual(['postmortem']);
    expect(rejectedPaths(previewSchema, { postmortem: 'Why.', notify: true })).toEqual(['notify']);
  });

  it('refuses a body that mixes the two shapes', () => {
    expect(previewSchema.safeParse({ ...anUpdateBody(), postmortem: 'Why.' }).success).toBe(false);
  });
});

describe("commanders' text in the bodies", () => {
  const hostile = '\u202eChat\u0000 down\r\n\u200b\u2066again\u2069\t';

  it('stores a title cleaned: no bidi override, NUL, line break or invisible character', () => {
    expect(declareIncidentSchema.parse(aDeclaration({ title: hostile })).title).toBe('Chat down again');
  });

  it("stores a message cleaned, keeping its line breaks as \\n, in the string and in every locale's text", () => {
    const message = 'Rolled back.\u0000\r\n\r\n\r\n\u202eWatching.\u2028Next update by 10:00.';
    const cleaned = 'Rolled back.\n\nWatching.\nNext update by 10:00.';
    expect(declareIncidentSchema.parse(aDeclaration({ message })).message).toBe(cleaned);
    expect(addUpdateSchema.parse(anUpdateBody({ message })).message).toBe(cleaned);
    expect(addUpdateSchema.parse(anUpdateBody({ message: { en: message, id: `Kami\u200b memantau.\r\n${message}` } })).message).toEqual({ en: cleaned, id: `Kami memantau.\n${cleaned}` });
  });

  it('keeps emoji and Indonesian as written', () => {
    const title = 'Gangguan 🔥 pada 👩🏽‍💻 API 🏳️‍🌈';
    expect(declareIncidentSchema.parse(aDeclaration({ title, message: { en: 'Down ❤️', id: 'Kami sedang menyelidikinya 🙏🏽' } }))).toMatchObject({
      title,
      message: { en: 'Down ❤️', id: 'Kami sedang menyelidikinya 🙏🏽' },
    });
  });

  it.each([
    ['title', { title: ' \u0000\u202e\r\n\t ' }],
    ['title', { title: '\u200b\ufeff\u2066\u2069' }],
    ['title', { title: '\u200d\u200e' }],
    ['message', { message: '\r\n\r\n\u0000' }],
    ['message.id', { message: { en: 'Down.', id: '\u202e \u200b' } }],
  ])('refuses %s when nothing visible is left once cleaned (%j)', (path, override) => {
    expect(rejectedPaths(declareIncidentSchema, aDeclaration(override))).toContain(path);
  });

  it('says why a text of invisible characters is refused', () => {
    const result = declareIncidentSchema.safeParse(aDeclaration({ title: '\u0000\u202e' }));
    expect(describeIssues(result.error!.issues)).toEqual([{ path: 'title', message: expect.stringMatching(/^must hold visible text/) }]);
  });

  it('counts the length on the cleaned text: what is removed does not count, and 200 visible characters still fit', () => {
    expect(declareIncidentSchema.safeParse(aDeclaration({ title: `${'x'.repeat(200)}\u0000\u202e\r\n` })).success).toBe(true);
    expect(declareIncidentSchema.safeParse(aDeclaration({ message: `${'x'.repeat(5000)}${'\u200b'.repeat(100)}` })).success).toBe(true);
    expect(rejectedPaths(declareIncidentSchema, aDeclaration({ title: `${'x'.repeat(200)}\u0000y` }))).toContain('title');
  });
});

describe('subscription body', () => {
  it('accepts an address with a locale and components', () => {
    expect(subscribeSchema.parse({ email: 'ana@example.com', locale: 'id', components: ['api'] }).locale).toBe('id');
  });

  it.each([
    ['email', { email: 'not-an-address' }],
    ['locale', { email: 'ana@example.com', locale: 'fr' }],
    ['components.0', { email: 'ana@example.com', components: ['billing'] }],
    ['timeZone', { email: 'ana@example.com', timeZone: 'Mars/Olympus_Mons' }],
  ])('names %s when it is invalid', (path, body) => {
    expect(rejectedPaths(subscribeSchema, body)).toContain(path);
  });
});
