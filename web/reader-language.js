// @ts-check
// The language a page speaks to its reader, shared by the status page and the preferences page, so
// both pick it and remember it the same way.

const storeKey = 'incident-comms-locale';

/**
 * The first of `wanted` (tags such as `id-ID`, best first, blanks skipped) that `supported` speaks,
 * else the first supported one.
 * @template {string} L
 * @param {readonly L[]} supported
 * @param {readonly (string | null | undefined)[]} wanted
 * @returns {L}
 */
export function pickLanguage(supported, wanted) {
  for (const tag of wanted) {
    const base = (tag || '').toLowerCase().split('-')[0];
    // Old browsers and some Android builds still say "in" for Indonesian.
    const found = /** @type {L} */ (base === 'in' ? 'id' : base);
    if (supported.includes(found)) return found;
  }
  return /** @type {L} */ (supported[0]);
}

/** The language the reader chose on one of our pages before, if the browser lets us read it. */
export function rememberedLanguage() {
  return safeStorage(() => localStorage.getItem(storeKey));
}

/** @param {string} locale */
export function rememberLanguage(locale) {
  safeStorage(() => localStorage.setItem(storeKey, locale));
}

/**
 * A text of the page's dictionary with its `{x}` placeholders filled.
 * @param {string} template
 * @param {Record<string, string | number>} [vars]
 */
export function fillText(template, vars = {}) {
  return template.replace(/\{(\w)\}/g, (_, k) => String(vars[k] ?? ''));
}

/**
 * Storage can throw (private windows, blocked cookies): the page then simply does not remember.
 * @template T
 * @param {() => T} access
 * @returns {T | null}
 */
function safeStorage(access) {
  try { return access(); } catch { return null; }
}
