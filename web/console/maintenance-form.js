// @ts-check
// Scheduling a maintenance window, with the preview of what customers get now and as a reminder.

import { byId as $ } from '../page-elements.js';
import { checkedComponents, componentChecks, idempotencyKey, labelLocaleFields, localeFields, readLocaleTexts } from './forms.js';
import { t, uiLanguage } from './i18n.js';
import { livePreview } from './live-preview.js';

/**
 * @param {{ api: import('./api-client.js').ApiClient, locales: string[], components: { id: string, name: string }[], scheduled(): void }} context
 */
export function maintenanceForm(context) {
  const form = /** @type {HTMLFormElement} */ ($('maint-form'));
  const button = /** @type {HTMLButtonElement} */ ($('maint-send'));
  const titles = localeFields($('maint-titles'), context.locales, 'input', 'maint-title');
  const messages = localeFields($('maint-messages'), context.locales, 'textarea', 'maint-message');
  componentChecks($('maint-components'), context.components, 'maint-component');
  const key = idempotencyKey();
  const instant = (/** @type {string} */ id) => {
    const value = /** @type {HTMLInputElement} */ ($(id)).value;
    return value ? new Date(value).toISOString() : '';
  };

  const body = () => ({
    title: readLocaleTexts(titles),
    message: readLocaleTexts(messages),
    components: checkedComponents($('maint-components')),
    scheduledFor: instant('maint-start'),
    scheduledUntil: instant('maint-end'),
    remindBeforeMinutes: Number(/** @type {HTMLInputElement} */ ($('maint-remind')).value || 0),
  });

  function relabel() {
    labelLocaleFields($('maint-titles'), uiLanguage(), (language) => t('titleIn', { l: language }));
    labelLocaleFields($('maint-messages'), uiLanguage(), (language) => t('messageIn', { l: language }));
    if (!$('maint-preview').hasChildNodes()) $('maint-preview-state').textContent = t('previewEmpty');
  }

  const { refresh: refreshPreview } = livePreview({
    container: $('maint-preview'),
    state: $('maint-preview-state'),
    request: () => {
      const request = body();
      const complete = Object.keys(request.message).length > 0 && Object.keys(request.title).length > 0 && request.components.length > 0 && request.scheduledFor && request.scheduledUntil;
      return complete ? { path: '/v1/maintenances/preview', body: request, words: request.message } : null;
    },
    send: (path, request) => context.api.send('POST', path, request),
    readyText: () => '',
  });

  async function schedule() {
    if (button.disabled) return;
    button.disabled = true;
    $('maint-result').textContent = t('sending');
    try {
      await context.api.send('POST', '/v1/maintenances', body(), { idempotencyKey: key.current() });
      key.reset();
      form.reset();
      $('maint-preview').replaceChildren();
      $('maint-result').textContent = t('sent');
      context.scheduled();
    } catch (error) {
      $('maint-result').textContent = error instanceof Error ? error.message : String(error);
    } finally {
      button.disabled = false;
    }
  }

  form.addEventListener('input', refreshPreview);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void schedule();
  });
  relabel();
  return { relabel };
}
