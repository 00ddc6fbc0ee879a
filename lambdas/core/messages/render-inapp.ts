import { countCodePoints } from '../validation/code-point-string.js';
import { compiledTemplate } from './compiled-template.js';
import { firstFitting } from './first-fitting.js';
import { fitTemplate } from './fit-template.js';
import { messageFacts } from './message-facts.js';
import type { MessageFacts } from './message-facts.js';
import { shorterVersions } from './shorter-versions.js';
import type { ShrinkableName } from './shrinkable-values.js';
import { shrinkableValues } from './shrinkable-values.js';
import { templateFor } from './template-for.js';
import { toOneLine } from './to-one-line.js';
import type { InAppMessage, RenderContext } from './types.js';

// docs/api.md's bounds for a feed item, in code points.
const titleLimit = 80;
const textLimit = 500;

/**
 * The in-app feed item for one update in one locale: a title of 1–80 and a text of at most 500 code
 * points, with the incident's status and impact and the status-page link as `url`.
 *
 * @example
 * renderInApp({ update, locale: 'en', config }).title; // 'Resolved: Chat, API and video generation unavailable'
 */
export function renderInApp(context: RenderContext): InAppMessage {
  const facts = messageFacts(context);
  const { update, locale, config } = context;
  const title = fitField(context, facts, 'title', titleLimit, ['title', 'service', 'components', 'message']);
  return {
    channel: 'inapp',
    locale,
    kind: update.kind,
    title: title || shortened(facts.catalog.fallbackTitle[update.kind], facts, titleLimit),
    text: fitField(context, facts, 'text', textLimit, ['message', 'title', 'components', 'service']),
    status: update.status,
    impact: update.impact,
    url: config.statusPageUrl,
  };
}

function fitField(context: RenderContext, facts: MessageFacts, field: 'title' | 'text', limit: number, order: readonly ShrinkableName[]): string {
  const values = facts.oneLineValues;
  const fitted = fitTemplate({
    parts: compiledTemplate(templateFor(context, facts.catalog, 'inapp', field)),
    values,
    shrinkable: shrinkableValues(facts, values, order),
    // A title whose incident name cleaned away would otherwise end on a bare "Update:".
    tidy: field === 'title' ? (text) => toOneLine(text).replace(/[\s:;,\-–—]+$/u, '') : toOneLine,
    fits: (text) => countCodePoints(text) <= limit,
    excess: (text) => countCodePoints(text) - limit,
  });
  return fitted ?? shortened(toOneLine(facts.values.headline), facts, limit);
}

function shortened(text: string, facts: MessageFacts, limit: number): string {
  if (countCodePoints(text) <= limit) return text;
  return firstFitting(shorterVersions(text, facts.intlLocale, facts.catalog.ellipsis), (version) => countCodePoints(version) <= limit) ?? '';
}
