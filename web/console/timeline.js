// @ts-check
// An incident or a maintenance window as the console lists it: title, state, the "next update by"
// promise, and its whole timeline newest first. Text only.

import { el } from '../page-elements.js';
import { t, uiLanguage } from './i18n.js';

/** @typedef {{ id: string, seq: number, kind: string, status: string, message: Record<string, string>, createdAt: string }} Update */
/** @typedef {{ id: string, type?: string, title: string, titles?: Record<string, string>, status: string, impact: string, version: number, startedAt: string, nextUpdateBy?: string | null, overdue?: boolean, scheduledFor?: string, scheduledUntil?: string, updates?: Update[] }} Incident */

/** The incident's title in the console's language, else its default one. @param {Incident} incident */
export const titleOf = (incident) => incident.titles?.[uiLanguage()] ?? incident.title;

/** @param {string} iso */
export const timeOf = (iso) => new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** The status word of an incident or a window. @param {string} status */
export const statusWord = (status) => t(/** @type {any} */ (['scheduled', 'in_progress', 'verifying', 'completed', 'cancelled'].includes(status) ? `m_${status}` : `i_${status}`));

/**
 * An `<article>` for the incident, with a button that makes it the one the commander works on.
 * @param {Incident} incident @param {(incident: Incident) => void} onSelect
 */
export function renderIncident(incident, onSelect) {
  const article = el('article', 'incident');
  article.dataset.id = incident.id;
  const heading = el('h3', null, titleOf(incident));
  heading.dir = 'auto';
  article.append(heading, el('p', 'meta', metaLine(incident)));
  if (incident.scheduledFor && incident.scheduledUntil) {
    article.append(el('p', 'meta', t('window', { a: timeOf(incident.scheduledFor), b: timeOf(incident.scheduledUntil) })));
  }
  if (incident.type !== 'maintenance' && incident.status !== 'resolved') article.append(promise(incident));
  const select = el('button', 'select', t(incident.type === 'maintenance' ? 'selectWindow' : 'select'));
  select.setAttribute('type', 'button');
  select.addEventListener('click', () => onSelect(incident));
  article.append(select, timeline(incident.updates ?? []));
  return article;
}

/** @param {Incident} incident */
export function metaLine(incident) {
  const impact = incident.type === 'maintenance' ? [] : [t(/** @type {any} */ (incident.impact))];
  return [statusWord(incident.status), ...impact, t('version', { v: incident.version })].join(' · ');
}

/** The "next update by" line; countdown.js's ticker keeps its text current. @param {Incident} incident */
export function promise(incident) {
  const line = el('p', 'promise', incident.nextUpdateBy ? '' : t('noPromise'));
  if (incident.nextUpdateBy) line.dataset.deadline = incident.nextUpdateBy;
  if (incident.overdue) line.dataset.overdue = 'true';
  return line;
}

/** @param {Update[]} updates */
export function timeline(updates) {
  const list = el('ol', 'timeline');
  list.setAttribute('reversed', '');
  list.setAttribute('aria-label', t('timeline'));
  for (const update of [...updates].reverse()) {
    const item = el('li', 'update');
    item.dataset.seq = String(update.seq);
    const words = el('p', 'update-text', update.message[uiLanguage()] ?? Object.values(update.message)[0] ?? '');
    words.dir = 'auto';
    item.append(el('p', 'update-meta', `#${update.seq} · ${statusWord(update.status)} · ${timeOf(update.createdAt)}`), words);
    list.append(item);
  }
  return list;
}
