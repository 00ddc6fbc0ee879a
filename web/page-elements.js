// @ts-check
// The few DOM helpers both pages build with. Text goes in through textContent only, never as HTML.

/** @param {string} id */
export const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** The content of `<meta name="…">`, trimmed; empty when absent. @param {string} name */
export const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content')?.trim() || '';

/** @param {string} tag @param {string | null} [cls] @param {string | null} [text] */
export function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text != null) node.textContent = text;
  return node;
}
