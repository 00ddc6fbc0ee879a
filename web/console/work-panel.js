// @ts-check
// The incident or window the commander works on: one form that sends an update (an open incident),
// a postmortem (a resolved one) or a window's update, with its live preview, its deliveries, and
// the 412 path when another commander got there first.

import { byId as $ } from '../page-elements.js';
import { watchDeliveries } from './deliveries.js';
import { fillSelect, idempotencyKey, labelLocaleFields, localeFields, readLocaleTexts, writeLocaleTexts } from './forms.js';
import { t, uiLanguage } from './i18n.js';
import { livePreview } from './live-preview.js';
import { metaLine, promise, statusWord, timeline, titleOf } from './timeline.js';

/** @typedef {import('./timeline.js').Incident} Incident */
/** @typedef {import('./api-client.js').ApiClient} ApiClient */
/** @typedef {{ api: ApiClient, locales: string[], changed(): void }} PanelContext */

const incidentStatuses = ['investigating', 'identified', 'monitoring', 'resolved'];
const windowStatuses = ['scheduled', 'in_progress', 'verifying', 'completed', 'cancelled'];

/** @param {PanelContext} context */
export function workPanel(context) {
  const { api } = context;
  /** @type {Incident | null} */
  let target = null;
  /** The version the commander read: sent back as If-Match. */
  let shownVersion = 0;
  /** @type {import('./forms.js').LocaleFields} */
  let fields = {};
  const key = idempotencyKey();
  let stopDeliveries = () => {};
  let sending = false;
  const form = /** @type {HTMLFormElement} */ ($('work-form'));
  const statusSelect = /** @type {HTMLSelectElement} */ ($('work-status'));
  const sendButton = /** @type {HTMLButtonElement} */ ($('work-send'));

  const mode = () => (target?.type === 'maintenance' ? 'window' : target?.status === 'resolved' ? 'postmortem' : 'update');
  const base = () => (target?.type === 'maintenance' ? `/v1/maintenances/${target.id}` : `/v1/incidents/${target?.id}`);

  /** What the form says, as the route of this mode takes it. @param {Record<string, string>} texts */
  const requestBody = (texts) => (mode() === 'postmortem' ? { body: texts } : { status: statusSelect.value, message: texts });

  /**
   * Makes `incident` the one worked on, at the version it shows.
   * @param {Incident} incident @param {{ keepText?: boolean, watchSeq?: number }} [options]
   */
  function show(incident, options = {}) {
    const texts = options.keepText ? readLocaleTexts(fields) : {};
    const sameTarget = target?.id === incident.id;
    target = incident;
    shownVersion = incident.version;
    $('work').hidden = false;
    $('conflict').hidden = true;
    fields = localeFields($('work-texts'), context.locales, 'textarea', 'work-text');
    writeLocaleTexts(fields, texts);
    for (const box of Object.values(fields)) box.addEventListener('input', refreshPreview);
    if (!options.keepText) clearPreview();
    if (!sameTarget) { stopDeliveries(); $('deliveries').hidden = true; key.reset(); }
    if (options.watchSeq !== undefined) watch(options.watchSeq);
    relabel();
    if (options.keepText) refreshPreview();
  }

  /** Puts the panel's words in the console's language. */
  function relabel() {
    if (!target) return;
    const title = titleOf(target);
    $('h-work').textContent = t(mode() === 'postmortem' ? 'postmortemTitle' : mode() === 'window' ? 'maintUpdate' : 'updateTitle', { t: title });
    $('work-meta').textContent = metaLine(target);
    $('work-promise').replaceWith(Object.assign(promise(target), { id: 'work-promise' }));
    if (mode() === 'postmortem' || target.type === 'maintenance') $('work-promise').textContent = '';
    if (mode() === 'postmortem') $('work-promise').removeAttribute('data-deadline');
    $('work-status-field').hidden = mode() === 'postmortem';
    const statuses = mode() === 'window' ? windowStatuses : incidentStatuses;
    fillSelect(statusSelect, statuses, statusWord);
    if (!statuses.includes(statusSelect.value) || statusSelect.dataset.for !== target.id) statusSelect.value = target.status;
    statusSelect.dataset.for = target.id;
    sendButton.textContent = t(mode() === 'postmortem' ? 'publish' : mode() === 'window' ? 'sendMaint' : 'sendUpdate');
    labelLocaleFields($('work-texts'), uiLanguage(), (language) => t(mode() === 'postmortem' ? 'bodyIn' : 'messageIn', { l: language }));
  }

  const { refresh: refreshPreview, clear: clearPreview } = livePreview({
    container: $('work-preview'),
    state: $('work-preview-state'),
    request: () => {
      const texts = readLocaleTexts(fields);
      if (!target || Object.keys(texts).length === 0) return null;
      return { path: `${base()}/preview`, body: mode() === 'postmortem' ? { postmortem: texts } : requestBody(texts), words: texts };
    },
    send: (path, body) => api.send('POST', path, body),
    readyText: xSummary,
  });

  /** What a screen reader hears after each refresh: the X counter, and whether the words were shortened. */
  function xSummary() {
    return [...$('work-preview').querySelectorAll('[data-channel="x"]')]
      .map((card) => [card.querySelector('h4'), card.querySelector('.x-length'), card.querySelector('.x-shortened')].map((node) => node?.textContent ?? '').filter(Boolean).join(' — '))
      .join(' · ');
  }

  /** @param {number} seq */
  function watch(seq) {
    stopDeliveries();
    const ledger = `${base()}/deliveries`;
    $('deliveries').hidden = false;
    stopDeliveries = watchDeliveries(
      { list: $('deliveries-list'), summary: $('deliveries-summary'), heading: $('h-deliveries') },
      () => api.get(ledger),
      seq,
    );
  }

  async function send() {
    if (sending || !target) return;
    sending = true;
    sendButton.disabled = true;
    $('work-result').textContent = t('sending');
    const path = mode() === 'postmortem' ? `${base()}/postmortem` : `${base()}/updates`;
    try {
      const answer = await api.send(mode() === 'postmortem' ? 'PUT' : 'POST', path, requestBody(readLocaleTexts(fields)), {
        idempotencyKey: key.current(), ifMatch: shownVersion,
      });
      key.reset();
      $('work-result').textContent = t('sent');
      show(answer.body, { watchSeq: answer.body.version });
      context.changed();
    } catch (error) {
      // Nothing was written on a 412: the re-applied text is a new change, with a new key.
      if (error && /** @type {any} */ (error).status === 412) { key.reset(); await showConflict(); }
      $('work-result').textContent = error instanceof Error ? error.message : String(error);
    } finally {
      sending = false;
      sendButton.disabled = false;
    }
  }

  /** Shows the updates that landed since the version the commander read, and offers to send on top. */
  async function showConflict() {
    /** @type {Incident} */
    const fresh = await api.get(base());
    const newer = (fresh.updates ?? []).filter((update) => update.seq > shownVersion);
    $('conflict-text').textContent = t('conflictText', { v: fresh.version });
    $('conflict-updates').replaceChildren(timeline(newer));
    const reapply = $('reapply');
    reapply.textContent = t('reapply', { v: fresh.version });
    reapply.onclick = () => {
      show(fresh, { keepText: true });
      void send();
    };
    $('conflict').hidden = false;
    $('h-conflict').tabIndex = -1;
    $('h-conflict').focus();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send();
  });
  statusSelect.addEventListener('change', refreshPreview);
  return { show, relabel, watch };
}
