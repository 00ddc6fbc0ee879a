import { compiledTemplate } from './compiled-template.js';
import { firstFitting } from './first-fitting.js';
import { formatInstant } from './format-instant.js';
import { fitTemplate } from './fit-template.js';
import { messageFacts } from './message-facts.js';
import type { MessageFacts } from './message-facts.js';
import { shorterVersions } from './shorter-versions.js';
import { shrinkableValues } from './shrinkable-values.js';
import { templateFor } from './template-for.js';
import type { RenderContext, XPost } from './types.js';
import { weighXPost } from './weigh-x-post.js';
import type { XWeight } from './weigh-x-post.js';

const xLimit = 280;

/**
 * The X post for one update in one locale, at most 280 as X weighs it (twitter-text), the status-page
 * link always whole. When it is too long the commander's words are cut at a word with an ellipsis
 * (the status page has them in full). Every update after the first is written as a reply in the
 * incident's thread (`replyInThread`), so it does not repeat what the thread already says.
 *
 * @example
 * const post = renderXPost({ update, locale: 'en', config });
 * post.weightedLength <= 280; // true
 */
export function renderXPost(context: RenderContext): XPost {
  const facts = messageFacts(context);
  const values = facts.oneLineValues;
  // Weighing is the costly step (twitter-text scans for URLs and emoji): weigh each candidate once.
  const weights = new Map<string, XWeight>();
  const weigh = (text: string) => {
    let weight = weights.get(text);
    if (!weight) {
      weight = weighXPost(text);
      weights.set(text, weight);
    }
    return weight;
  };
  const fits = (text: string) => {
    const { weightedLength, valid } = weigh(text);
    return valid && weightedLength <= xLimit;
  };
  const render = (suffix: string) =>
    fitTemplate({
      parts: compiledTemplate(templateFor(context, facts.catalog, 'x', 'text')),
      values,
      shrinkable: shrinkableValues(facts, values, ['message', 'title', 'components', 'service']),
      tidy: (text) => tidyPost(text) + suffix,
      fits,
      excess: (text) => weigh(text).weightedLength - xLimit,
    }) ?? lastResort(facts, (text) => fits(text + suffix)) + suffix;
  const text = render('');
  // X refuses a post identical to a recent one of the account (two updates saying the same, or an
  // incident declared like the last one): the same words stamped with the update's time differ.
  const distinctText = render(` · ${formatInstant(context.update.createdAt, facts.intlLocale, facts.timeZone, 'clock')}`);
  return {
    channel: 'x',
    locale: context.locale,
    kind: context.update.kind,
    text,
    weightedLength: weigh(text).weightedLength,
    distinctText,
    replyInThread: context.update.seq > 1,
  };
}

function tidyPost(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Reached only when a template's fixed text cannot fit: keep the headline as far as it goes, and the link. */
function lastResort(facts: MessageFacts, fits: (text: string) => boolean): string {
  const { url, headline } = facts.values;
  if (fits(`${headline} ${url}`)) return `${headline} ${url}`;
  const lead = firstFitting(shorterVersions(headline, facts.intlLocale, facts.catalog.ellipsis), (version) => fits(`${version} ${url}`));
  return lead ? `${lead} ${url}` : url;
}
