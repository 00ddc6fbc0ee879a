// @ts-check
// The delivery ledger of one update, polled every 2 s until nothing is pending, in words.

import { el } from '../page-elements.js';
import { t } from './i18n.js';

/** @typedef {{ seq: number, channel: string, locale: string, state: string, attempts: number, externalId?: string, detail?: string, recipients?: { planned: number, sent: number, failed: number, suppressed: number } }} Delivery */

const pollMs = 2000;
/** The fan-out writes rows seconds after the update: an empty ledger is waited for this long. */
const waitForRowsMs = 30_000;

/**
 * Shows the deliveries of update `seq` in `list`, with a one-line summary, until none is pending.
 * @param {{ list: HTMLElement, summary: HTMLElement, heading: HTMLElement }} view
 * @param {() => Promise<{ items: Delivery[] }>} readLedger
 * @param {number} seq
 * @returns {() => void} stops watching
 */
export function watchDeliveries(view, readLedger, seq) {
  let stopped = false;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const started = Date.now();
  view.heading.textContent = t('deliveriesTitle', { n: seq });
  view.heading.dataset.seq = String(seq);
  view.list.replaceChildren();
  view.summary.textContent = t('deliveriesPending', { n: '…' });
  const poll = async () => {
    if (stopped) return;
    try {
      const rows = (await readLedger()).items.filter((row) => row.seq === seq);
      if (stopped) return;
      view.list.replaceChildren(...rows.map(renderDelivery));
      const pending = rows.filter((row) => row.state === 'pending').length;
      const done = rows.length > 0 && pending === 0;
      view.summary.textContent = done ? t('deliveriesDone') : t('deliveriesPending', { n: pending });
      if (done || Date.now() - started > waitForRowsMs && rows.length === 0) return;
    } catch (error) {
      view.summary.textContent = t('deliveriesFailed', { m: error instanceof Error ? error.message : String(error) });
    }
    timer = setTimeout(poll, pollMs);
  };
  void poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** @param {Delivery} row */
function renderDelivery(row) {
  const item = el('li', `delivery d-${row.state}`);
  item.dataset.channel = row.channel;
  item.dataset.locale = row.locale;
  item.dataset.state = row.state;
  item.append(
    el('span', 'delivery-what', `${t(/** @type {any} */ (`ch_${row.channel}`))} · ${row.locale}: `),
    el('strong', 'delivery-state', t(/** @type {any} */ (`d_${row.state}`))),
  );
  const facts = [];
  if (row.recipients) {
    const r = row.recipients;
    facts.push(t('recipients', { s: r.sent, p: r.planned, f: r.failed, x: r.suppressed }));
  }
  if (row.externalId && row.channel === 'x') facts.push(t('postId', { i: row.externalId }));
  if (row.externalId && row.channel === 'inapp') facts.push(t('feedItem', { i: row.externalId }));
  // The server's own words for a failure, a skip or a retry: what went wrong and what to do.
  if (row.detail) facts.push(row.detail);
  if (facts.length) item.append(el('span', 'delivery-facts', ` — ${facts.join('; ')}`));
  const post = postLink(row);
  if (post) item.append(' ', post);
  return item;
}

/**
 * A link to the X post itself when the id is X's (digits); the local outbox's ids link nowhere.
 * @param {Delivery} row
 */
function postLink(row) {
  if (row.channel !== 'x' || !row.externalId || !/^\d{1,25}$/.test(row.externalId)) return undefined;
  const link = /** @type {HTMLAnchorElement} */ (el('a', 'delivery-link', t('openPost')));
  link.href = `https://x.com/i/web/status/${row.externalId}`;
  link.rel = 'noopener noreferrer';
  link.target = '_blank';
  return link;
}
