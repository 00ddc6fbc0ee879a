import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, configJsonSchemaFileName, configJsonSchemaText } from '../../../lambdas/core/config/config-json-schema.js';

const root = join(import.meta.dirname, '../../..');
const committedText = readFileSync(join(root, configJsonSchemaFileName), 'utf8');
const shippedConfig = JSON.parse(readFileSync(join(root, 'incident-comms.config.json'), 'utf8')) as Record<string, unknown>;

type JsonSchema = Record<string, unknown>;

// No JSON Schema validator is installed, and this test should not add one: `errorsOf` checks the
// keywords the generated schema uses, and refuses any other so a new one cannot pass unchecked.
const annotations = new Set(['$schema', '$id', 'title', 'description', 'default', 'format']);
const checkedKeywords = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'propertyNames', 'items',
  'pattern', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'anyOf', 'enum',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The ways `value` breaks `schema`, each as "path: reason"; empty when it conforms. */
function errorsOf(schema: JsonSchema, value: unknown, path = '$'): string[] {
  const unknown = Object.keys(schema).filter((keyword) => !annotations.has(keyword) && !checkedKeywords.has(keyword));
  if (unknown.length > 0) throw new Error(`${path}: the test's checker does not know ${unknown.join(', ')}; extend it`);
  if (Array.isArray(schema.anyOf)) {
    const branches = (schema.anyOf as JsonSchema[]).map((branch) => errorsOf(branch, value, path));
    if (branches.every((branchErrors) => branchErrors.length > 0)) return [`${path}: matches none of anyOf (${branches.map((branchErrors) => branchErrors.join('; ')).join(' | ')})`];
  }
  const errors: string[] = [];
  const actual = typeOf(value);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${path}: is not one of ${JSON.stringify(schema.enum)}`);
  if (schema.type !== undefined && schema.type !== actual && !(schema.type === 'number' && actual === 'integer')) {
    return [`${path}: is ${actual}, not ${String(schema.type)}`];
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${path}: does not match ${schema.pattern}`);
    if (typeof schema.minLength === 'number' && length < schema.minLength) errors.push(`${path}: shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) errors.push(`${path}: longer than ${schema.maxLength}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) errors.push(`${path}: not above ${schema.exclusiveMinimum}`);
    if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) errors.push(`${path}: not below ${schema.exclusiveMaximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) errors.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items) value.forEach((item, index) => errors.push(...errorsOf(schema.items as JsonSchema, item, `${path}[${index}]`)));
  }
  if (actual === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in object)) errors.push(`${path}: misses required "${key}"`);
    for (const [key, item] of Object.entries(object)) {
      if (schema.propertyNames) errors.push(...errorsOf(schema.propertyNames as JsonSchema, key, `${path} key "${key}"`));
      const itemSchema = properties[key] ?? schema.additionalProperties;
      if (itemSchema === false) errors.push(`${path}: "${key}" is not allowed`);
      else if (itemSchema && itemSchema !== true) errors.push(...errorsOf(itemSchema as JsonSchema, item, `${path}.${key}`));
    }
  }
  return errors;
}

describe('the configuration JSON Schema, incident-comms.config.schema.json', () => {
  it('is what the generator produces from the zod schema now', () => {
    // toBe, not toEqual: the file's exact text (key order, two spaces, trailing newline) is checked too.
    expect(committedText, `${configJsonSchemaFileName} is out of date: run npm run config-schema`).toBe(configJsonSchemaText());
  });

  it('is JSON Schema draft 2020-12 with an id, a title and descriptions', () => {
    const schema = configJsonSchema();
    expect(schema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: expect.any(String), title: expect.any(String) });
    expect(schema.description).toEqual(expect.any(String));
    for (const [key, property] of Object.entries(schema.properties as Record<string, JsonSchema>)) {
      expect(property.description, `properties.${key} has no description`).toEqual(expect.any(String));
    }
  });

  it('is the one the shipped incident-comms.config.json points at', () => {
    expect(shippedConfig.$schema).toBe(`./${configJsonSchemaFileName}`);
  });

  it('accepts the shipped incident-comms.config.json', () => {
    const schema = configJsonSchema();
    const properties = Object.keys(schema.properties as JsonSchema);
    expect(properties).toEqual(expect.arrayContaining(Object.keys(shippedConfig)));
    expect(Object.keys(shippedConfig)).toEqual(expect.arrayContaining(schema.required as string[]));
    expect(errorsOf(schema, shippedConfig)).toEqual([]);
  });

  it('rejects what the configuration loader rejects structurally, so the check above is not vacuous', () => {
    const schema = configJsonSchema();
    const { serviceName: _omitted, ...withoutServiceName } = shippedConfig;
    expect(errorsOf(schema, withoutServiceName)).toEqual(['$: misses required "serviceName"']);
    expect(errorsOf(schema, { ...shippedConfig, serviceNmae: 'typo' })).toEqual(['$: "serviceNmae" is not allowed']);
    expect(errorsOf(schema, { ...shippedConfig, statusCacheSeconds: 60 })).toEqual(['$.statusCacheSeconds: above 30']);
    expect(errorsOf(schema, { ...shippedConfig, components: [{ id: 'Chat', name: 'Chat' }] })).toEqual([
      '$.components[0].id: does not match ^[a-z][a-z0-9_-]{0,39}$',
    ]);
    expect(errorsOf(schema, { ...shippedConfig, channels: { x: { enabled: 'yes' } } })).toEqual(['$.channels.x.enabled: is string, not boolean']);
  });
});
