import fc from 'fast-check';
import type { Config } from '../../lambdas/core/config/config-schema.js';
import type { TextLines } from '../../lambdas/core/validation/clean-commander-text.js';
import { commanderText } from '../../lambdas/core/validation/commander-text.js';

/**
 * Requests a hostile or careless client sends, as fast-check arbitraries. A plan is a request with
 * placeholders the runner fills at run time — `{token}` (the commander token) in header values and
 * `{known}` (an incident the run has created, or a well-formed unknown id) in paths — and says what
 * it is: a valid change the table must then hold, a read, or a request that must be refused.
 */
export const tokenPlaceholder = '{token}';
export const knownIncidentPlaceholder = '{known}';

export type Body = { text: string } | { bytes: number[] };

export interface RawRequest {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body?: Body;
}

export type KeyUse = 'none' | 'fresh' | 'fresh-long' | 'replay-last' | 'reuse-last-other-body';
export type IfMatchUse = 'none' | 'current' | 'current-weak' | 'current-bare' | 'stale' | 'ahead';

export type Plan =
  | { kind: 'declare'; body: Record<string, unknown>; contentType: string; oddHeaders: Record<string, string>; key: KeyUse }
  | { kind: 'update'; target: number; body: Record<string, unknown>; contentType: string; oddHeaders: Record<string, string>; key: KeyUse; ifMatch: IfMatchUse }
  | { kind: 'postmortem'; target: number; body: Record<string, unknown>; contentType: string; oddHeaders: Record<string, string>; key: KeyUse; ifMatch: IfMatchUse }
  | { kind: 'preview'; target: number; body: Record<string, unknown>; ifMatch: IfMatchUse }
  | { kind: 'read'; request: RawRequest }
  | { kind: 'refused'; why: string; expected: readonly number[]; request: RawRequest };

const goodAuthorization = `Bearer ${tokenPlaceholder}`;
const json = 'application/json';

// ---- text ---------------------------------------------------------------------------------------

const oddCharacters = ['a', 'é', '😀', '\u0000', '"', '\\', '\u202e', '𝕏', '\u200b', '\ufeff', '漢', '\n'];
/** Strings of awkward characters repeated to the sizes where limits bite. */
const sizedString = (counts: readonly number[]) =>
  fc.record({ unit: fc.constantFrom(...oddCharacters), count: fc.constantFrom(...counts) }).map(({ unit, count }) => unit.repeat(count));
const trickyText = fc.constantFrom(
  ' ', '\u0000', '\ud800 lone high surrogate', 'lone low \udfff', '\ufeffBOM', 'null', '__proto__', 'constructor',
  '<script>alert(1)</script>', '{{title}} ${7*7} %s %n', "'; DROP TABLE incidents; --", '\r\n\r\nX-Injected: 1', 'a\u0000b',
  'https://evil.example/?q=1 @everyone #outage', 'ٱلْعَرَبِيَّة مرحبا', '👩🏽‍💻‍', 'Z̸̢̛a̵l̷g̶o̸',
);
/**
 * Up to `max` code points, awkward ones included, with something visible left once the API has
 * cleaned it (controls, bidi and invisible characters removed): what a valid field may hold.
 */
const validText = (lines: TextLines, max: number) => {
  const schema = commanderText(lines, max);
  return fc
    .oneof(
      { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: Math.min(max, 60) }) },
      { weight: 2, arbitrary: trickyText },
      { weight: 1, arbitrary: sizedString([1, max]).filter((text) => text.length > 0) },
    )
    .filter((text) => schema.safeParse(text).success);
};
/** Texts with nothing visible left once cleaned: refused like an empty one. */
const invisibleText = fc.constantFrom(' ', '\u0000', '\u202e\u2066\u2069', '\r\n\t\r\n', '\u200b\ufeff', '\u200d\u200e', '\u0000'.repeat(300));
const wrongScalar = fc.oneof(
  fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}),
  fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

// ---- valid bodies -------------------------------------------------------------------------------

export function requestArbitraries(config: Config) {
  const componentIds = config.components.map((component) => component.id);
  const componentStatus = fc.constantFrom('operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance');
  const impact = fc.constantFrom('none', 'minor', 'major', 'critical');
  const openStatus = fc.constantFrom('investigating', 'identified', 'monitoring');
  const components = fc
    .shuffledSubarray(componentIds, { minLength: 0 })
    .chain((ids) => fc.tuple(...ids.map((id) => componentStatus.map((status) => ({ id, status })))));
  const message = fc.oneof(
    validText('multi-line', 5000),
    fc.record({ [config.defaultLocale]: validText('multi-line', 5000) }),
    fc.record(Object.fromEntries(config.locales.map((locale) => [locale, validText('multi-line', 5000)]))),
  );
  const postmortemText = fc.oneof(
    validText('multi-line', 20_000),
    fc.record({ [config.defaultLocale]: validText('multi-line', 20_000) }),
    fc.record(Object.fromEntries(config.locales.map((locale) => [locale, validText('multi-line', 20_000)]))),
  );
  const channels = fc.shuffledSubarray(['inapp', 'email', 'x'], { minLength: 1 });
  const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 2 });
  const withoutUndefined = (body: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));

  const aDeclarationBody = fc
    .record({
      title: validText('one-line', 200),
      impact,
      status: optional(openStatus),
      message,
      components: optional(components),
      notify: optional(fc.boolean()),
      channels: optional(channels),
    })
    .map(withoutUndefined);

  const anUpdateBody = fc
    .record({
      status: fc.oneof({ weight: 9, arbitrary: openStatus }, { weight: 1, arbitrary: fc.constant('resolved') }),
      message,
      impact: optional(impact),
      components: optional(components),
      notify: optional(fc.boolean()),
      channels: optional(channels),
    })
    .map(withoutUndefined);

  // The body of PUT …/postmortem; the two bodies at their longest (20,000 code points each) pass 64 KiB, and are refused 413.
  const aPostmortemBody = fc.record({ body: postmortemText, notify: optional(fc.boolean()) }).map(withoutUndefined);

  /** Content types the API must take as JSON, and headers a client may send that change nothing. */
  const jsonContentType = fc.constantFrom(json, 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json;;;', 'application/vnd.commander+json', 'application/json ; foo=bar');
  const absurdHeaders = fc.dictionary(
    fc.constantFrom('x-junk', 'x-forwarded-for', 'accept', 'accept-language', 'user-agent', 'x-request-id', 'cookie', 'x-amz-date'),
    fc.oneof(fc.string({ maxLength: 30 }), sizedString([8000]), fc.constantFrom('*/*', 'en;q=0.9, id;q=0.1, *;q=0', '😀', '() { :; }; echo pwned')),
    { maxKeys: 3 },
  );
  const keyUse = fc.constantFrom<KeyUse>('none', 'none', 'fresh', 'fresh-long', 'replay-last', 'reuse-last-other-body');
  const ifMatchUse = fc.constantFrom<IfMatchUse>('none', 'none', 'current', 'current-weak', 'current-bare', 'stale', 'ahead');

  const declare = fc.record({ body: aDeclarationBody, contentType: jsonContentType, oddHeaders: absurdHeaders, key: keyUse }).map((plan): Plan => ({ kind: 'declare', ...plan }));
  const update = fc
    .record({ target: fc.nat(), body: anUpdateBody, contentType: jsonContentType, oddHeaders: absurdHeaders, key: keyUse, ifMatch: ifMatchUse })
    .map((plan): Plan => ({ kind: 'update', ...plan }));
  const postmortem = fc
    .record({ target: fc.nat(), body: aPostmortemBody, contentType: jsonContentType, oddHeaders: absurdHeaders, key: keyUse, ifMatch: ifMatchUse })
    .map((plan): Plan => ({ kind: 'postmortem', ...plan }));
  // A preview of an update, or of a postmortem ({ "postmortem": … }).
  const previewBody = fc.oneof({ weight: 3, arbitrary: anUpdateBody }, { weight: 1, arbitrary: postmortemText.map((text) => ({ postmortem: text })) });
  const preview = fc.record({ target: fc.nat(), body: previewBody, ifMatch: ifMatchUse }).map((plan): Plan => ({ kind: 'preview', ...plan }));

  // ---- reads with junk ------------------------------------------------------------------------

  const junkQuery = fc.oneof(
    fc.constantFrom(
      '', '&&&', '=', 'limit=-1', 'limit=0', 'limit=101', 'limit=1e309', 'limit=NaN', 'limit=0x10', 'limit=%00', 'state=__proto__', 'state=open&state=resolved',
      'locale=xx', 'locale=EN', 'locale=', 'after=', 'cursor=', 'cursor=%', 'cursor=%E0%A4%A', 'unknown=1', '__proto__[polluted]=1', 'constructor[prototype][polluted]=1',
      'after=eyJwayI6IkZFRUQjZW4ifQ', 'cursor=eyJhbGxQayI6IklOQ0lERU5UUyJ9', 'cursor=bnVsbA', 'cursor=W10', 'after=eyJwayI6IkZFRUQjZW4iLCJzayI6IiJ9',
    ),
    fc.record({ name: fc.constantFrom('limit', 'state', 'locale', 'after', 'cursor', 'token'), value: fc.oneof(fc.string({ maxLength: 20 }), sizedString([3000])) }).map(({ name, value }) => `${name}=${encodeURIComponent(value)}`),
    aForgedCursor().map((cursor) => `cursor=${cursor}`),
    aForgedCursor().map((cursor) => `after=${cursor}`),
  );
  const readPath = fc.constantFrom(
    '/v1/incidents', '/v1/status', '/v1/feed', '/v1/feed.atom', '/v1/openapi.json', `/v1/incidents/${knownIncidentPlaceholder}`,
    '/v1/subscriptions/confirm', '/v1/subscriptions/unsubscribe', '/v1/subscriptions/preferences', '/v1/incidents/', '/v1/status/',
    '/v1/maintenances', '/v1/maintenances/mnt_01JF3Z00000000000000000000', '/v1/maintenances/', `/v1/maintenances/${knownIncidentPlaceholder}`,
  );
  const read = fc.record({ path: readPath, query: junkQuery }).map(({ path, query }): Plan => ({ kind: 'read', request: { method: 'GET', path, query, headers: {} } }));
  const deliveriesRead = fc.constant<Plan>({
    kind: 'read',
    request: { method: 'GET', path: `/v1/incidents/${knownIncidentPlaceholder}/deliveries`, query: '', headers: { authorization: goodAuthorization } },
  });

  // ---- requests that must be refused ----------------------------------------------------------

  const writeRoute = fc.constantFrom('/v1/incidents', `/v1/incidents/${knownIncidentPlaceholder}/updates`, `/v1/incidents/${knownIncidentPlaceholder}/preview`);
  const validBodyFor = (path: string) => (path === '/v1/incidents' ? aDeclarationBody : anUpdateBody);

  const badAuthorization = fc.oneof(
    fc.constantFrom(
      undefined, '', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', `Bearer ${tokenPlaceholder}x`, tokenPlaceholder, `Bearer ${tokenPlaceholder} extra`,
      `Token ${tokenPlaceholder}`, `Bearer "${tokenPlaceholder}"`, 'Bearer null', 'Bearer undefined', `Bearer ${tokenPlaceholder.slice(1)}`,
    ),
    sizedString([100_000]).map((junk) => `Bearer ${junk}`),
    fc.string({ maxLength: 40 }).map((junk) => `Bearer ${junk.replace(/\s/g, '') || 'x'}`),
  );
  const withoutCredentials = fc
    .record({ path: fc.oneof(writeRoute, fc.constant(`/v1/incidents/${knownIncidentPlaceholder}/deliveries`)), authorization: badAuthorization, body: fc.oneof(aDeclarationBody, anUpdateBody) })
    .map(({ path, authorization, body }): Plan => ({
      kind: 'refused',
      why: 'no valid commander token',
      expected: [401],
      request: {
        method: path.endsWith('/deliveries') ? 'GET' : 'POST',
        path,
        query: '',
        headers: { 'content-type': json, ...(authorization === undefined ? {} : { authorization }) },
        ...(path.endsWith('/deliveries') ? {} : { body: { text: JSON.stringify(body) } }),
      },
    }));

  const aWrongField = (path: string) => {
    const fields: Record<string, fc.Arbitrary<unknown>> = {
      title: fc.oneof(wrongScalar, fc.constantFrom('', 'x'.repeat(201), '😀'.repeat(201)), invisibleText),
      impact: fc.oneof(wrongScalar, fc.constantFrom('MAJOR', 'major ', 'catastrophic', '')),
      status: fc.oneof(wrongScalar, fc.constantFrom('Resolved', 'open', '', ...(path === '/v1/incidents' ? ['resolved'] : []))),
      message: fc.oneof(
        wrongScalar.filter((value) => typeof value !== 'object' || value === null || Array.isArray(value)),
        fc.constantFrom('', 'x'.repeat(5001), '😀'.repeat(5001), { [config.locales[1] ?? 'xx']: 'only another locale' }, { [config.defaultLocale]: '' }, { [config.defaultLocale]: 'ok', fr: 'pas ici' }, { [config.defaultLocale]: 5 }),
        invisibleText,
        invisibleText.map((text) => ({ [config.defaultLocale]: text })),
      ),
      components: fc.oneof(
        fc.constantFrom('chat', [{ id: 'nope', status: 'major_outage' }], [{ id: componentIds[0] }], [{ id: componentIds[0], status: 'broken' }], [{ id: componentIds[0], status: 'major_outage', extra: 1 }], [null]),
        fc.constant([{ id: componentIds[0], status: 'major_outage' }, { id: componentIds[0], status: 'partial_outage' }]),
      ),
      notify: fc.constantFrom('true', 1, null, 'yes'),
      channels: fc.constantFrom([], ['fax'], ['x', 'x'], 'x', [null], ['inapp', 'email', 'x', 'inapp']),
      unexpected: fc.oneof(wrongScalar, fc.string()),
    };
    return fc.constantFrom(...Object.keys(fields)).chain((field) => fields[field]!.map((value) => ({ field, value })));
  };
  const invalidBody = writeRoute.chain((path) =>
    fc.record({ valid: validBodyFor(path), wrong: aWrongField(path) }).map(({ valid, wrong }): Plan => ({
      kind: 'refused',
      why: `field ${wrong.field} is invalid`,
      expected: [400],
      request: { method: 'POST', path, query: '', headers: { authorization: goodAuthorization, 'content-type': json }, body: { text: JSON.stringify({ ...valid, [wrong.field]: wrong.value }) } },
    })),
  );

  const pollutingKeys = fc.constantFrom(
    (valid: string) => `{"__proto__":{"pollutedByHostileInput":true},${valid.slice(1)}`,
    (valid: string) => `{"constructor":{"prototype":{"pollutedByHostileInput":true}},${valid.slice(1)}`,
    (valid: string) => `{"prototype":{"pollutedByHostileInput":true},${valid.slice(1)}`,
    (valid: string) => valid.replace(/"message":/, '"message":{"__proto__":"x","en":"hi"},"ignored":'),
    (valid: string) => `${valid.slice(0, -1)},"components":[{"__proto__":{"pollutedByHostileInput":true},"id":"${componentIds[0]}","status":"major_outage"}]}`,
  );
  const prototypePollution = writeRoute.chain((path) =>
    fc.record({ valid: validBodyFor(path), pollute: pollutingKeys }).map(({ valid, pollute }): Plan => {
      const { components: _ignored, ...rest } = valid;
      return {
        kind: 'refused',
        why: 'prototype-pollution keys',
        expected: [400],
        request: { method: 'POST', path, query: '', headers: { authorization: goodAuthorization, 'content-type': json }, body: { text: pollute(JSON.stringify(rest)) } },
      };
    }),
  );

  const deepNesting = fc.record({ path: writeRoute, depth: fc.constantFrom(100, 5_000, 32_000), open: fc.constantFrom('[', '{"a":'), where: fc.constantFrom('whole', 'title', 'message') }).map(({ path, depth, open, where }): Plan => {
    const close = open === '[' ? ']' : '}';
    const nested = `${open.repeat(depth)}1${close.repeat(depth)}`;
    const text = where === 'whole' ? nested : `{"title":"t","status":"identified","impact":"major","message":"m","${where}":${nested}}`.replace(`"${where}":"${where === 'title' ? 't' : 'm'}",`, '');
    return { kind: 'refused', why: `nested ${depth} deep`, expected: depth * open.length > 64 * 1024 ? [413] : [400], request: { method: 'POST', path, query: '', headers: { authorization: goodAuthorization, 'content-type': json }, body: { text } } };
  });

  const tooLarge = fc.record({ path: fc.oneof(writeRoute, fc.constant('/v1/subscriptions')), unit: fc.constantFrom('a', 'é', '😀', '\u0000'), valid: aDeclarationBody }).map(({ path, unit, valid }): Plan => {
    const bytes = Buffer.byteLength(unit);
    const text = JSON.stringify({ ...valid, message: unit.repeat(Math.ceil((64 * 1024 + 1) / bytes)) });
    return { kind: 'refused', why: 'a body over 64 KiB', expected: [413], request: { method: 'POST', path, query: '', headers: { authorization: goodAuthorization, 'content-type': json }, body: { text } } };
  });

  const invalidUtf8 = fc.record({
    path: fc.oneof(writeRoute, fc.constant('/v1/subscriptions')),
    valid: aDeclarationBody,
    bad: fc.constantFrom([0xff], [0xc3, 0x28], [0xe2, 0x28, 0xa1], [0xf0, 0x90, 0x28, 0xbc], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xfe, 0xfe, 0xff, 0xff]),
  }).map(({ path, valid, bad }): Plan => {
    const text = Buffer.from(JSON.stringify({ ...valid, title: 'TITLE' }), 'utf8');
    const at = text.indexOf('TITLE');
    const bytes = [...text.subarray(0, at), ...bad, ...text.subarray(at)];
    return { kind: 'refused', why: `invalid UTF-8 bytes ${bad.map((byte) => byte.toString(16)).join(' ')}`, expected: [415], request: { method: 'POST', path, query: '', headers: { authorization: goodAuthorization, 'content-type': json }, body: { bytes } } };
  });

  const notJson = fc.record({
    path: fc.oneof(writeRoute, fc.constant('/v1/subscriptions')),
    contentType: fc.constantFrom(undefined, '', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'json', 'application/jsonx', 'application/+json', 'text/json', '*/*', 'application/json5', 'a'.repeat(5000)),
    valid: aDeclarationBody,
  }).map(({ path, contentType, valid }): Plan => ({
    kind: 'refused',
    why: `content type ${String(contentType).slice(0, 40)}`,
    expected: [415],
    request: { method: 'POST', path, query: '', headers: { authorization: goodAuthorization, ...(contentType === undefined ? {} : { 'content-type': contentType }) }, body: { text: JSON.stringify(valid) } },
  }));

  const notJsonText = fc.record({ path: fc.oneof(writeRoute, fc.constant('/v1/subscriptions')), text: fc.oneof(fc.constantFrom('', ' ', '{', '{"title":', 'NaN', "{'a':1}", '[1,]', '{"a":1}{"b":2}', 'undefined'), fc.string({ maxLength: 60 }).filter((text) => !isJson(text))) }).map(({ path, text }): Plan => ({
    kind: 'refused',
    why: 'a body that is not JSON',
    expected: [415],
    request: { method: 'POST', path, query: '', headers: { authorization: goodAuthorization, 'content-type': json }, body: { text } },
  }));

  const wrongTypes = fc.record({ path: fc.oneof(writeRoute, fc.constant('/v1/subscriptions')), value: fc.oneof(fc.jsonValue({ maxDepth: 3 }).filter((value) => value === null || typeof value !== 'object' || Array.isArray(value)), fc.constantFrom({}, { email: 5 }, { email: 'not-an-address' }, { email: `${'a'.repeat(250)}@x.io` }, { email: 'ana@example.com', locale: 'fr' })) }).map(({ path, value }): Plan => ({
    kind: 'refused',
    why: 'a body of the wrong type',
    expected: [400],
    request: { method: 'POST', path, query: '', headers: { authorization: goodAuthorization, 'content-type': json }, body: { text: JSON.stringify(value) } },
  }));

  const badIdempotencyKey = fc.record({ valid: aDeclarationBody, key: fc.oneof(fc.constantFrom('', 'k'.repeat(256), 'a\u0000b', 'a\tb', '\u007f', 'line\nbreak'), sizedString([10_000]).map((text) => `k${text}`)) }).map(({ valid, key }): Plan => ({
    kind: 'refused',
    why: 'an Idempotency-Key that is empty, too long or not printable',
    expected: [400],
    request: { method: 'POST', path: '/v1/incidents', query: '', headers: { authorization: goodAuthorization, 'content-type': json, 'idempotency-key': key }, body: { text: JSON.stringify(valid) } },
  }));

  const badIfMatch = fc.record({ path: fc.constantFrom(`/v1/incidents/${knownIncidentPlaceholder}/updates`, `/v1/incidents/${knownIncidentPlaceholder}/preview`), valid: anUpdateBody, ifMatch: fc.constantFrom('*', 'abc', '"1", "2"', '', 'W/', '"-1"', '"1.0"', '"1e3"', '1234567890123456', '"', 'W/"x"') }).map(({ path, valid, ifMatch }): Plan => ({
    kind: 'refused',
    why: `If-Match ${JSON.stringify(ifMatch)}`,
    expected: [400],
    request: { method: 'POST', path, query: '', headers: { authorization: goodAuthorization, 'content-type': json, 'if-match': ifMatch }, body: { text: JSON.stringify(valid) } },
  }));

  // PUT …/postmortem with one field wrong (a body nothing visible is left of, one over 20,000 code points, a
  // map without the default locale, a notify that is not a boolean, an unknown field), or without a valid token.
  const postmortemPath = `/v1/incidents/${knownIncidentPlaceholder}/postmortem`;
  const invalidPostmortem = fc
    .record({
      valid: aPostmortemBody,
      wrong: fc.oneof(
        fc.record({ field: fc.constant('body'), value: fc.oneof(wrongScalar, invisibleText, fc.constant('x'.repeat(20_001)), fc.constant({ [config.locales.find((locale) => locale !== config.defaultLocale) ?? 'xx']: 'Only this one.' }), fc.constant({ [config.defaultLocale]: 'Why.', xx: 'Mengapa.' })) }),
        fc.record({ field: fc.constant('notify'), value: wrongScalar.filter((value) => typeof value !== 'boolean') }),
        fc.record({ field: fc.constantFrom('message', 'status', '__proto__x', 'Body'), value: fc.constant('x') }),
      ),
    })
    .map(({ valid, wrong }): Plan => {
      const text = JSON.stringify({ ...valid, [wrong.field]: wrong.value });
      return {
        kind: 'refused',
        why: `postmortem with ${wrong.field} ${JSON.stringify(wrong.value)?.slice(0, 60)}`,
        // The size is checked before the fields.
        expected: overBodyLimit(text) ? [413] : [400],
        request: { method: 'PUT', path: postmortemPath, query: '', headers: { authorization: goodAuthorization, 'content-type': json }, body: { text } },
      };
    });
  const postmortemWithoutCredentials = fc.record({ authorization: badAuthorization, body: aPostmortemBody }).map(({ authorization, body }): Plan => ({
    kind: 'refused',
    why: 'a postmortem without a valid commander token',
    expected: [401],
    request: { method: 'PUT', path: postmortemPath, query: '', headers: { 'content-type': json, ...(authorization === undefined ? {} : { authorization }) }, body: { text: JSON.stringify(body) } },
  }));

  const oddId = fc.oneof(
    fc.constantFrom('%', '%zz', 'inc_', 'inc_01JF3Z8Q4W6X2N5R7T9V1B3C5D', 'INC_01JF3Z8Q4W6X2N5R7T9V1B3C5D', 'inc_01jf3z8q4w6x2n5r7t9v1b3c5d', '%2F', '%00', 'inc_%2F..%2Fstatus', '__proto__', 'constructor', 'null', '%F0%9F%98%80', `inc_${'0'.repeat(26)}`, `inc_${'Z'.repeat(27)}`),
    sizedString([10_000]).map((text) => encodeURIComponent(text)),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map((text) => encodeURIComponent(text)),
  );
  const unknownIncident = fc.record({ id: oddId, route: fc.constantFrom('', '/updates', '/preview', '/deliveries', '/postmortem'), valid: anUpdateBody, postmortemBody: aPostmortemBody }).map(({ id, route, valid, postmortemBody }): Plan => {
    const path = `/v1/incidents/${id}${route}`;
    const method = route === '/updates' || route === '/preview' ? 'POST' : route === '/postmortem' ? 'PUT' : 'GET';
    return {
      kind: 'refused',
      why: 'an incident id that is not one of ours',
      // The size is checked before the incident is looked up.
      expected: method === 'PUT' && overBodyLimit(JSON.stringify(postmortemBody)) ? [413] : [404],
      request: { method, path, query: '', headers: { authorization: goodAuthorization, 'content-type': json }, ...(method === 'POST' ? { body: { text: JSON.stringify(valid) } } : method === 'PUT' ? { body: { text: JSON.stringify(postmortemBody) } } : {}) },
    };
  });

  const wrongMethodOrRoute = fc.record({
    method: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND'),
    path: fc.constantFrom('/v1/incidents', `/v1/incidents/${knownIncidentPlaceholder}`, '/v1/status', '/v1/feed', '/v1/subscriptions', '/v1/nothing', '/v1', '/v1/', '/v2/incidents', '/v1/incidents/a/b/c', '//v1/status', '/v1/status.json'),
  }).map(({ method, path }): Plan => ({
    kind: 'refused',
    why: `${method} ${path}`,
    expected: [404, 405],
    request: { method, path, query: '', headers: { authorization: goodAuthorization }, body: { text: '{}' } },
  }));

  // Subscription links with tokens that were never issued (made up, cut, stretched, of odd characters),
  // on every route that reads one, with the bodies those routes take and some they must refuse.
  const forgedToken = fc.oneof(
    fc.constantFrom(`sub_01JF3Z8Q4W6X2N5R7T9V1B3C5D.0.${'A'.repeat(43)}`, `sub_1.0.${'A'.repeat(42)}=`, 'sub_1.-1.x', 'sub_1.99999999999.x', 'a.b.c', '....', '.', '%00', '__proto__', 'sub_1.0.'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
    sizedString([150]),
  );
  const oneClickBody = fc.constantFrom<{ contentType?: string; text: string }>(
    { text: '' },
    { contentType: 'application/x-www-form-urlencoded', text: 'List-Unsubscribe=One-Click' },
    { contentType: 'multipart/form-data; boundary=b', text: '--b\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--b--\r\n' },
    { contentType: 'application/x-www-form-urlencoded', text: 'List-Unsubscribe=One-Click&__proto__[x]=1' },
    { contentType: 'multipart/form-data; boundary=', text: '--\r\n\r\n----' },
    { contentType: 'multipart/form-data; boundary=b', text: `--b\r\n${'x'.repeat(5000)}` },
    { contentType: json, text: '{"List-Unsubscribe":"One-Click"}' },
    { text: 'List-Unsubscribe=One-Click' },
  );
  const forgedSubscriptionLink = fc
    .record({ token: forgedToken, route: fc.constantFrom('GET confirm', 'GET unsubscribe', 'POST unsubscribe', 'GET preferences', 'PUT preferences'), oneClick: oneClickBody, change: fc.constantFrom<unknown>({ locale: config.defaultLocale }, {}, { locale: 'xx' }, null, 'x') })
    .map(({ token, route, oneClick, change }): Plan => {
      const [method = 'GET', name = ''] = route.split(' ');
      // JSON clients get problem+json from every subscription route; a browser gets the confirm and unsubscribe pages.
      const headers: Record<string, string> = { accept: 'application/json' };
      const contentType = method === 'POST' ? oneClick.contentType : method === 'PUT' ? json : undefined;
      if (contentType !== undefined) headers['content-type'] = contentType;
      return {
        kind: 'refused',
        why: `a forged token on ${route}`,
        expected: [400, 404],
        request: {
          method,
          path: `/v1/subscriptions/${name}`,
          query: `token=${encodeURIComponent(token)}`,
          headers,
          ...(method === 'POST' ? { body: { text: oneClick.text } } : method === 'PUT' ? { body: { text: JSON.stringify(change) } } : {}),
        },
      };
    });

  // ---- maintenance windows: one field wrong, no credentials, a window that does not exist --------

  const aWindowBody = fc.record({
    title: validText('one-line', 200),
    message: validText('multi-line', 5000),
    components: fc.constant([config.components[0]!.id]),
    // Years ahead of any test clock: always in the future.
    scheduledFor: fc.constant('2099-01-01T00:00:00Z'),
    scheduledUntil: fc.constant('2099-01-01T01:00:00Z'),
    remindBeforeMinutes: optional(fc.integer({ min: 0, max: 10_080 })),
  }).map(withoutUndefined);
  const windowWrongs = fc.oneof(
    // Fields no scalar of another type can fill (a number may be a valid remindBeforeMinutes, a boolean a valid autoStart).
    fc.record({ field: fc.constantFrom('title', 'message', 'components', 'scheduledFor', 'scheduledUntil'), value: wrongScalar.filter((value) => typeof value !== 'string') }),
    fc.record({ field: fc.constantFrom('autoStart', 'autoComplete', 'notify'), value: fc.constantFrom<unknown>('yes', 1, null, []) }),
    fc.record({ field: fc.constant('channels'), value: fc.constantFrom<unknown>([], ['fax'], 'email', ['email', 'email'], null) }),
    fc.record({ field: fc.constant('components'), value: fc.constantFrom<unknown>([], ['nope'], [config.components[0]!.id, config.components[0]!.id]) }),
    fc.record({ field: fc.constant('scheduledFor'), value: fc.constantFrom<unknown>('2000-01-01T00:00:00Z', 'tomorrow', '2099-13-01T00:00:00Z', '2099-01-01T02:00:00Z') }),
    fc.record({ field: fc.constant('remindBeforeMinutes'), value: fc.constantFrom<unknown>(-1, 10_081, 1.5, '60') }),
    fc.record({ field: fc.constant('title'), value: invisibleText }),
  );
  const invalidWindow = fc.record({ valid: aWindowBody, wrong: windowWrongs, path: fc.constantFrom('/v1/maintenances', '/v1/maintenances/preview') }).map(({ valid, wrong, path }): Plan => ({
    kind: 'refused',
    why: `a window with ${wrong.field} ${JSON.stringify(wrong.value)?.slice(0, 60)}`,
    expected: [400],
    request: { method: 'POST', path, query: '', headers: { authorization: goodAuthorization, 'content-type': json }, body: { text: JSON.stringify({ ...valid, [wrong.field]: wrong.value }) } },
  }));
  const aWindowUpdate = fc.record({ status: fc.constantFrom('scheduled', 'in_progress', 'verifying', 'completed', 'cancelled'), message: validText('multi-line', 5000) });
  const unknownWindow = fc.record({ id: fc.oneof(oddId, fc.constant(knownIncidentPlaceholder)), route: fc.constantFrom('/updates', '/preview'), body: aWindowUpdate }).map(({ id, route, body }): Plan => ({
    kind: 'refused',
    why: `a window that does not exist (${id.slice(0, 40)})`,
    expected: [404],
    request: { method: 'POST', path: `/v1/maintenances/${id}${route}`, query: '', headers: { authorization: goodAuthorization, 'content-type': json }, body: { text: JSON.stringify(body) } },
  }));
  const windowWithoutCredentials = fc.record({ authorization: badAuthorization, body: aWindowBody }).map(({ authorization, body }): Plan => ({
    kind: 'refused',
    why: 'a window without a valid commander token',
    expected: [401],
    request: { method: 'POST', path: '/v1/maintenances', query: '', headers: { 'content-type': json, ...(authorization === undefined ? {} : { authorization }) }, body: { text: JSON.stringify(body) } },
  }));

  return {
    declare,
    update,
    postmortem,
    preview,
    read: fc.oneof({ weight: 5, arbitrary: read }, { weight: 1, arbitrary: deliveriesRead }),
    refused: fc.oneof(withoutCredentials, postmortemWithoutCredentials, invalidBody, invalidPostmortem, prototypePollution, deepNesting, tooLarge, invalidUtf8, notJson, notJsonText, wrongTypes, badIdempotencyKey, badIfMatch, unknownIncident, wrongMethodOrRoute, forgedSubscriptionLink, invalidWindow, unknownWindow, windowWithoutCredentials),
  };
}

/** Cursors a client could forge: base64url JSON naming the listing's partition with keys of every odd shape. */
function aForgedCursor() {
  const value = fc.oneof(fc.constantFrom('', 'x', 'é'.repeat(600), '\ud800', 'INCIDENTS', 'FEED#en', 'STATE#open'), fc.string({ maxLength: 10 }));
  return fc
    .record({
      pinned: fc.constantFrom({ allPk: 'INCIDENTS' }, { pk: 'FEED#en' }, { statePk: 'STATE#open' }, {}),
      others: fc.dictionary(fc.constantFrom('pk', 'sk', 'startedSk', 'allPk', 'extra', '__proto__'), value, { maxKeys: 4 }),
    })
    .map(({ pinned, others }) => Buffer.from(JSON.stringify({ ...others, ...pinned }), 'utf8').toString('base64url'));
}

/** docs/api.md: a body over 64 KiB is 413. */
function overBodyLimit(text: string): boolean {
  return Buffer.byteLength(text, 'utf8') > 64 * 1024;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
