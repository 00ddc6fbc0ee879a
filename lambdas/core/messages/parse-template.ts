/** A template cut into literal text and named placeholders. */
export type TemplatePart = { text: string } | { placeholder: string };

export interface ParsedTemplate {
  parts: TemplatePart[];
  /** Syntax problems (a stray brace); empty when the template is well formed. */
  problems: string[];
}

const token = /\{\{|\}\}|\{([A-Za-z]+)\}|[{}]/g;

/**
 * Splits a template into text and `{placeholder}` parts. `{{` and `}}` stand for literal braces;
 * any other brace is reported, so a typo fails at configuration loading instead of reaching customers.
 *
 * @example
 * parseTemplate('[{service}] {title}').parts;
 * // [{ text: '[' }, { placeholder: 'service' }, { text: '] ' }, { placeholder: 'title' }]
 */
export function parseTemplate(template: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const problems: string[] = [];
  let text = '';
  let last = 0;
  for (const match of template.matchAll(token)) {
    text += template.slice(last, match.index);
    last = match.index + match[0].length;
    if (match[0] === '{{') text += '{';
    else if (match[0] === '}}') text += '}';
    else if (match[1] !== undefined) {
      if (text) parts.push({ text });
      text = '';
      parts.push({ placeholder: match[1] });
    } else {
      problems.push(`has a stray "${match[0]}" at character ${match.index + 1} (write "${match[0]}${match[0]}" for a literal brace)`);
    }
  }
  text += template.slice(last);
  if (text) parts.push({ text });
  return { parts, problems };
}
