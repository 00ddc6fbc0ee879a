import type { FilterPolicy } from './channel-catalog.js';

/** Message attributes of a publish, as the SNS filter policies see them. */
export type NotificationAttributes = Record<string, string | string[]>;

/**
 * SNS's matching for the policies this system writes (exact-string allowlists on message
 * attributes): every policy key must be present and one of its values must equal the attribute or,
 * for a String.Array attribute, one of its elements. The local runtime routes with this.
 */
export function matchesFilterPolicy(policy: FilterPolicy, attributes: NotificationAttributes): boolean {
  return Object.entries(policy).every(([name, allowed]) => {
    const value = attributes[name];
    if (value === undefined) return false;
    const values = Array.isArray(value) ? value : [value];
    return values.some((candidate) => allowed.includes(candidate));
  });
}
