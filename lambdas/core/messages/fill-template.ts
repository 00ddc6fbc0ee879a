import type { TemplatePart } from './parse-template.js';

/**
 * Joins template parts with placeholder values; an unknown placeholder becomes empty text, since
 * configuration loading has already rejected templates that use one.
 *
 * @example
 * fillTemplate([{ text: 'Hi ' }, { placeholder: 'service' }], { service: 'Nimbus' }); // 'Hi Nimbus'
 */
export function fillTemplate(parts: readonly TemplatePart[], values: Readonly<Record<string, string>>): string {
  let out = '';
  for (const part of parts) out += 'text' in part ? part.text : (values[part.placeholder] ?? '');
  return out;
}
