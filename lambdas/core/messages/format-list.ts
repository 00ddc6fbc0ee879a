const listFormatters = new Map<string, Intl.ListFormat>();

/**
 * Names joined as the locale joins a list: "Chat, API, and Video generation", "Chat, API, dan Video generation".
 *
 * @example
 * formatList(['Chat', 'API'], 'id'); // 'Chat dan API'
 */
export function formatList(items: readonly string[], locale: string): string {
  let formatter = listFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' });
    listFormatters.set(locale, formatter);
  }
  return formatter.format(items);
}
