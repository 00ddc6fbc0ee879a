import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { createRequestSchemas } from '../../../lambdas/core/incident/request-schemas.js';
import { createSubscriptionSchemas } from '../../../lambdas/core/subscribers/subscription-schemas.js';
import { describeIssues } from '../../../lambdas/core/validation/describe-issues.js';
import { aConfig, aDeclaration, anUpdateBody } from '../../support/builders.js';

const { declareIncidentSchema, addUpdateSchema } = createRequestSchemas(aConfig());
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
