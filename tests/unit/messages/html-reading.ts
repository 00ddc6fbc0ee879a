// Reading a mail's HTML back as a reader (or a checker) sees it. Enough for the documents
// emailHtmlDocument writes, which is the point: anything else in them would show up as a stray tag.

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

export interface HtmlTag {
  name: string;
  closing: boolean;
  /** The whole tag as written, attributes included. */
  text: string;
}

/** Every tag in the document, in order; `<!doctype html>` is named `!doctype`. */
export function htmlTags(html: string): HtmlTag[] {
  return [...html.matchAll(/<(\/?)([!a-zA-Z][^\s>/]*)[^>]*>/g)].map((match) => ({
    name: (match[2] ?? '').toLowerCase(),
    closing: match[1] === '/',
    text: match[0],
  }));
}

/** The words a reader sees: the body without its tags, entities read back. */
export function visibleWords(html: string): string[] {
  const body = html.slice(html.indexOf('<body'));
  return body
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => entities[name] ?? '')
    .split(/\s+/)
    .filter(Boolean);
}

/** The words of a text part, without the addresses it spells out after the labels the HTML links instead. */
export function textWords(text: string, labelledHrefs: readonly string[]): string[] {
  const withoutAddresses = labelledHrefs.reduce((rest, href) => rest.split(`: ${href}`).join(''), text);
  return withoutAddresses.split(/\s+/).filter(Boolean);
}
