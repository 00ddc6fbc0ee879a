// @ts-check
// Declaring an incident, blank or from a configured scenario whose texts prefill every locale, with
// the live preview of the apology it would send (POST /v1/incidents/preview).

import { byId as $ } from '../page-elements.js';
import { checkedComponents, componentChecks, fillSelect, idempotencyKey, labelLocaleFields, localeFields, readLocaleTexts, writeLocaleTexts } from './forms.js';
import { t, uiLanguage } from './i18n.js';
import { livePreview } from './live-preview.js';

/** @typedef {{ id: string, title: string, titles: Record<string, string>, message: Record<string, string>, impact: string, components: { id: string, status: string }[] }} Scenario */
/** @typedef {import('./timeline.js').Incident} Incident */

const impacts = ['none', 'minor', 'major', 'critical'];
const openStatuses = ['investigating', 'identified', 'monitoring'];
/** A blank declaration's ticked components get the status its impact suggests. */
const componentStatusByImpact = /** @type {Record<string, string>} */ ({
  none: 'degraded_performance', minor: 'partial_outage', major: 'major_outage', critical: 'major_outage',
});

/**
 * @param {{ api: import('./api-client.js').ApiClient, locales: string[], components: { id: string, name: string }[], scenarios: Scenario[], declared(incident: Incident): void }} context
 */
export function declareForm(context) {
  const form = /** @type {HTMLFormElement} */ ($('declare-form'));
  const scenarioSelect = /** @type {HTMLSelectElement} */ ($('scenario'));
  const impactSelect = /** @type {HTMLSelectElement} */ ($('declare-impact'));
  const statusSelect = /** @type {HTMLSelectElement} */ ($('declare-status'));
  const button = /** @type {HTMLButtonElement} */ ($('declare-send'));
  const titles = localeFields($('declare-titles'), context.locales, 'input', 'declare-title');
  const messages = localeFields($('declare-messages'), context.locales, 'textarea', 'declare-message');
  componentChecks($('declare-components'), context.components, 'declare-component');
  const key = idempotencyKey();
  const scenarioNamed = (/** @type {string} */ id) => context.scenarios.find((scenario) => scenario.id === id);

  function relabel() {
    fillSelect(scenarioSelect, ['', ...context.scenarios.map((scenario) => scenario.id)], (id) => {
      const scenario = scenarioNamed(id);
      return scenario ? scenario.titles[uiLanguage()] ?? scenario.title : t('blank');
    });
    fillSelect(impactSelect, impacts, (impact) => t(/** @type {any} */ (impact)));
    fillSelect(statusSelect, openStatuses, (status) => t(/** @type {any} */ (`i_${status}`)));
    labelLocaleFields($('declare-titles'), uiLanguage(), (language) => t('titleIn', { l: language }));
    labelLocaleFields($('declare-messages'), uiLanguage(), (language) => t('messageIn', { l: language }));
  }

  function prefill() {
    const scenario = scenarioNamed(scenarioSelect.value);
    writeLocaleTexts(titles, scenario?.titles);
    writeLocaleTexts(messages, scenario?.message);
    impactSelect.value = scenario?.impact ?? 'minor';
    const affected = new Set(scenario?.components.map((component) => component.id));
    for (const box of $('declare-components').querySelectorAll('input')) box.checked = affected.has(box.value);
  }

  /** The declaration as the form stands: what is sent, and what the preview renders. */
  function declaration() {
    const scenario = scenarioNamed(scenarioSelect.value);
    const statusOf = (/** @type {string} */ id) =>
      scenario?.components.find((component) => component.id === id)?.status ?? componentStatusByImpact[impactSelect.value] ?? 'degraded_performance';
    return {
      ...(scenario ? { scenario: scenario.id } : {}),
      title: readLocaleTexts(titles),
      message: readLocaleTexts(messages),
      impact: impactSelect.value,
      status: statusSelect.value,
      components: checkedComponents($('declare-components')).map((id) => ({ id, status: statusOf(id) })),
    };
  }

  const { refresh: refreshPreview } = livePreview({
    container: $('declare-preview'),
    state: $('declare-preview-state'),
    request: () => {
      const body = declaration();
      return Object.keys(body.message).length === 0 && !body.scenario ? null : { path: '/v1/incidents/preview', body, words: readLocaleTexts(messages) };
    },
    send: (path, body) => context.api.send('POST', path, body),
    readyText: () => t('previewReady'),
  });

  async function declare() {
    if (button.disabled) return;
    button.disabled = true;
    $('declare-result').textContent = t('sending');
    const body = declaration();
    try {
      const answer = await context.api.send('POST', '/v1/incidents', body, { idempotencyKey: key.current() });
      key.reset();
      form.reset();
      prefill();
      $('declare-result').textContent = t('declared');
      context.declared(answer.body);
    } catch (error) {
      $('declare-result').textContent = error instanceof Error ? error.message : String(error);
    } finally {
      button.disabled = false;
    }
  }

  scenarioSelect.addEventListener('change', () => {
    prefill();
    refreshPreview();
  });
  form.addEventListener('input', refreshPreview);
  form.addEventListener('change', refreshPreview);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void declare();
  });
  relabel();
  prefill();
  refreshPreview();
  return { relabel };
}

