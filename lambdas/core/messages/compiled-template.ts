import { parseTemplate } from './parse-template.js';
import type { TemplatePart } from './parse-template.js';

// Templates come from the catalogs and the configuration, a bounded set: parse each once per process.
const compiled = new Map<string, readonly TemplatePart[]>();

/**
 * The parts of a template, parsed once and then reused on every render.
 *
 * @example
 * compiledTemplate('{service} is back'); // [{ placeholder: 'service' }, { text: ' is back' }]
 */
export function compiledTemplate(template: string): readonly TemplatePart[] {
  let parts = compiled.get(template);
  if (!parts) {
    parts = parseTemplate(template).parts;
    compiled.set(template, parts);
  }
  return parts;
}
