import { componentListVersions } from './component-list-versions.js';
import type { Shrinkable } from './fit-template.js';
import type { MessageFacts } from './message-facts.js';
import { shorterVersions } from './shorter-versions.js';

export type ShrinkableName = 'message' | 'title' | 'components' | 'service';

/**
 * The values that may give way when a message is too long, in the order asked: the commander's
 * words first as a rule (they are on the status page in full), then the title, the component list,
 * and the service name as a last resort.
 *
 * @example
 * fitTemplate({ …, shrinkable: shrinkableValues(facts, values, ['message', 'title']) });
 */
export function shrinkableValues(facts: MessageFacts, values: Readonly<Record<string, string>>, order: readonly ShrinkableName[]): Shrinkable[] {
  return order.map((name) => ({
    name,
    versions: () =>
      name === 'components' && facts.componentNames.length > 0
        ? componentListVersions(facts.componentNames, facts.catalog, facts.intlLocale)
        : shorterVersions(values[name] ?? '', facts.intlLocale, facts.catalog.ellipsis),
  }));
}
