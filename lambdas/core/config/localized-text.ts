/** A text the configuration or a commander gives once for every locale, or per locale. */
export type LocalizedText = string | Readonly<Partial<Record<string, string>>>;

/**
 * The text for `locale`: the locale's own, else the default locale's (which a locale map always
 * holds: the schemas insist), else the first given.
 *
 * @example
 * textFor({ en: 'Video generation', id: 'Pembuatan video' }, 'id', 'en'); // 'Pembuatan video'
 * textFor('Chat', 'id', 'en'); // 'Chat'
 */
export function textFor(text: LocalizedText, locale: string, defaultLocale: string): string {
  if (typeof text === 'string') return text;
  return text[locale] ?? text[defaultLocale] ?? Object.values(text).find((value) => value !== undefined) ?? '';
}

/**
 * The text in every locale of `locales`, each falling back to the default locale's.
 *
 * @example
 * textsByLocale('Chat', ['en', 'id'], 'en'); // { en: 'Chat', id: 'Chat' }
 */
export function textsByLocale(text: LocalizedText, locales: readonly string[], defaultLocale: string): Record<string, string> {
  return Object.fromEntries(locales.map((locale) => [locale, textFor(text, locale, defaultLocale)]));
}
