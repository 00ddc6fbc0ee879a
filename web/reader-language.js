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

/**
 * Puts the page's fixed text in `locale`: every `data-t` element's text, every `data-t-label`
 * element's label, the document's language, and `aria-current` on the link of that language.
 * @param {string} locale
 * @param {(key: any) => string} t the page's own dictionary lookup
 */
export function translateFixedText(locale, t) {
  document.documentElement.lang = locale;
  for (const node of document.querySelectorAll('[data-t]')) {
    node.textContent = t(/** @type {HTMLElement} */ (node).dataset.t);
  }
  for (const node of document.querySelectorAll('[data-t-label]')) {
    node.setAttribute('aria-label', t(/** @type {HTMLElement} */ (node).dataset.tLabel));
  }
  for (const link of document.querySelectorAll('[data-lang]')) {
    if (/** @type {HTMLElement} */ (link).dataset.lang === locale) link.setAttribute('aria-current', 'true');
    else link.removeAttribute('aria-current');
  }
}
