// @ts-check
// The pieces every commander form is built from: one text box per configured locale, and the
// Idempotency-Key a form keeps until it is reset after a success.

import { el } from '../page-elements.js';

/** @typedef {Record<string, HTMLInputElement | HTMLTextAreaElement>} LocaleFields */

/**
 * One labelled text box per locale in `container` (emptied first); the label's text is set by
 * `label(locale)`, so a language switch can re-label them.
 * @param {HTMLElement} container @param {string[]} locales @param {'input' | 'textarea'} tag @param {string} idPrefix
 * @returns {LocaleFields}
 */
export function localeFields(container, locales, tag, idPrefix) {
  container.replaceChildren();
  /** @type {LocaleFields} */
  const fields = {};
  for (const locale of locales) {
    const id = `${idPrefix}-${locale}`;
    const label = /** @type {HTMLLabelElement} */ (el('label', null));
    label.htmlFor = id;
    label.dataset.locale = locale;
    const box = /** @type {HTMLInputElement | HTMLTextAreaElement} */ (document.createElement(tag));
    box.id = id;
    box.name = id;
    box.lang = locale;
    box.dir = 'auto';
    if (box instanceof HTMLTextAreaElement) box.rows = 4;
    const row = el('p', 'field');
    row.append(label, box);
    container.append(row);
    fields[locale] = box;
  }
  return fields;
}

/** The non-blank texts by locale. @param {LocaleFields} fields @returns {Record<string, string>} */
export function readLocaleTexts(fields) {
  return Object.fromEntries(Object.entries(fields).map(([locale, box]) => [locale, box.value.trim()]).filter(([, text]) => text !== ''));
}

/** @param {LocaleFields} fields @param {Record<string, string> | undefined} texts */
export function writeLocaleTexts(fields, texts) {
  for (const [locale, box] of Object.entries(fields)) box.value = texts?.[locale] ?? '';
}

/**
 * The Idempotency-Key of one form: made on the first send, the same for every retry and double click,
 * forgotten when the form is reset after a success.
 * @example
 * const key = idempotencyKey();
 * await api.send('POST', path, body, { idempotencyKey: key.current() });
 * key.reset();
 */
export function idempotencyKey() {
  /** @type {string | null} */
  let key = null;
  return {
    current: () => (key ??= crypto.randomUUID()),
    reset: () => { key = null; },
  };
}

/**
 * Fills a `<select>` with `values`, each labelled by `label(value)`, keeping the chosen one when it is still offered.
 * @param {HTMLSelectElement} select @param {string[]} values @param {(value: string) => string} label
 */
export function fillSelect(select, values, label) {
  const chosen = select.value;
  select.replaceChildren(...values.map((value) => {
    const option = el('option', null, label(value));
    option.setAttribute('value', value);
    return option;
  }));
  if (values.includes(chosen)) select.value = chosen;
}

/**
 * Labels every locale field in `container` with `text(language name)`, in the console's language.
 * @param {HTMLElement} container @param {string} uiLanguage @param {(language: string) => string} text
 */
export function labelLocaleFields(container, uiLanguage, text) {
  const names = new Intl.DisplayNames([uiLanguage], { type: 'language' });
  for (const label of container.querySelectorAll('label[data-locale]')) {
    const locale = /** @type {HTMLElement} */ (label).dataset.locale ?? '';
    label.textContent = text(`${names.of(locale) ?? locale}, ${locale}`);
  }
}

/**
 * One checkbox per component in `list`, named by `names` (its id when unnamed).
 * @param {HTMLElement} list @param {{ id: string, name: string }[]} components @param {string} idPrefix
 */
export function componentChecks(list, components, idPrefix) {
  list.replaceChildren(...components.map((component) => {
    const box = /** @type {HTMLInputElement} */ (el('input'));
    box.type = 'checkbox';
    box.id = `${idPrefix}-${component.id}`;
    box.value = component.id;
    const label = /** @type {HTMLLabelElement} */ (el('label'));
    label.htmlFor = box.id;
    label.append(box, el('span', null, component.name));
    const item = el('li');
    item.append(label);
    return item;
  }));
}

/** The ids of the ticked components. @param {HTMLElement} list */
export const checkedComponents = (list) =>
  [...list.querySelectorAll('input[type=checkbox]:checked')].map((box) => /** @type {HTMLInputElement} */ (box).value);
