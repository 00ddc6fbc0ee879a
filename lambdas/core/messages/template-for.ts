import type { TemplateField, TemplatedChannel } from './template-fields.js';
import type { RenderContext } from './types.js';
import type { LocaleCatalog } from './catalogs/locale-catalog.js';

/**
 * The template for one field: the operator's from `templates.<kind>.<channel>.<locale>.<field>` when
 * the configuration has one, the catalog's built-in text otherwise.
 *
 * @example
 * templateFor({ update, locale: 'en', config }, en, 'email', 'subject'); // '[{service}] Incident: {title}'
 */
export function templateFor<C extends TemplatedChannel>(
  { update, locale, config }: RenderContext,
  catalog: LocaleCatalog,
  channel: C,
  field: TemplateField<C>,
): string {
  const byLocale = config.templates?.[update.kind]?.[channel] as Record<string, Partial<Record<string, string>>> | undefined;
  const builtIn = catalog.texts[update.kind][channel] as Record<string, string>;
  return byLocale?.[locale]?.[field] ?? builtIn[field] ?? '';
}
