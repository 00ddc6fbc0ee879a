// @ts-check
// The commander console's wiring: sign in, learn the configured locales and components, list what
// is open, and hand the forms what they need. Every text from the API goes in through textContent.

import { byId as $, el, meta } from '../page-elements.js';
import { apiClient } from './api-client.js';
import { declareForm } from './declare-form.js';
import { t, uiLanguage, useLanguage } from './i18n.js';
import { maintenanceForm } from './maintenance-form.js';
import { tickPromises } from './promise-ticker.js';
import { readConsoleConfig, signIn, SignInUnavailable } from './sign-in.js';
import { renderWebhooks } from './webhooks.js';
import { renderIncident } from './timeline.js';
import { workPanel } from './work-panel.js';

/** @typedef {import('./timeline.js').Incident} Incident */

const apiBase = meta('incident-comms-api').replace(/\/+$/, '');
const listRefreshMs = 15_000;

/** Shows the token form and resolves with the token once the API accepts it. @returns {Promise<string>} */
function askForToken() {
  return new Promise((resolve) => {
    const form = /** @type {HTMLFormElement} */ ($('sign-in'));
    const input = /** @type {HTMLInputElement} */ ($('token'));
    input.focus();
    form.addEventListener('submit', async function onSubmit(event) {
      event.preventDefault();
      const token = input.value.trim();
      if (!token) return;
      $('sign-in-result').textContent = t('signingIn');
      try {
        await apiClient(apiBase, async () => token).get('/v1/scenarios');
      } catch (error) {
        const status = /** @type {any} */ (error).status;
        $('sign-in-result').textContent = status === 401 ? t('badToken') : t('signInFailed', { m: error instanceof Error ? error.message : String(error) });
        return;
      }
      form.removeEventListener('submit', onSubmit);
      input.value = '';
      $('sign-in-result').textContent = '';
      resolve(token);
    });
  });
}

/** The configured locales (default first) and component ids, from the contract the server publishes. */
async function readConfiguration(/** @type {import('./api-client.js').ApiClient} */ api) {
  const openapi = await api.get('/v1/openapi.json');
  const declare = openapi.components.schemas.DeclareIncident.properties;
  const byLocale = declare.message.anyOf.find((/** @type {any} */ option) => option.type === 'object');
  /** @type {string[]} */
  const locales = byLocale.propertyNames.enum;
  /** @type {string[]} */
  const componentIds = declare.components.items.properties.id.enum;
  const status = await api.get('/v1/status').catch(() => ({ components: [] }));
  const names = new Map(status.components.map((/** @type {{ id: string, name: string }} */ c) => [c.id, c.name]));
  return { locales, components: componentIds.map((id) => ({ id, name: names.get(id) ?? id })) };
}

async function main() {
  useLanguage(uiLanguage());
  let session;
  try {
    session = await signIn(await readConsoleConfig(), askForToken);
  } catch (error) {
    if (!(error instanceof SignInUnavailable)) throw error;
    $('sign-in').querySelectorAll('input, button').forEach((control) => control.setAttribute('disabled', ''));
    $('sign-in-result').textContent = error.message;
    return;
  }
  const api = apiClient(apiBase, session.accessToken);
  const [{ locales, components }, scenarios] = await Promise.all([readConfiguration(api), api.get('/v1/scenarios')]);
  $('sign-in-section').hidden = true;
  $('workspace').hidden = false;
  $('sign-out').hidden = false;

  /** @type {{ open: Incident[], resolved: Incident[], windows: Incident[], webhooks: import('./webhooks.js').Webhook[] }} */
  let lists = { open: [], resolved: [], windows: [], webhooks: [] };
  const select = (/** @type {Incident} */ incident) => {
    panel.show(incident);
    $('h-work').tabIndex = -1;
    $('h-work').focus();
  };
  const renderList = (/** @type {string} */ id, /** @type {Incident[]} */ items, /** @type {any} */ emptyKey) => {
    $(id).replaceChildren(...(items.length ? items.map((incident) => renderIncident(incident, select)) : [el('p', 'empty', t(emptyKey))]));
  };
  const renderLists = () => {
    renderList('open-list', lists.open ?? [], 'noOpen');
    renderList('resolved-list', lists.resolved ?? [], 'noResolved');
    renderList('maint-list', lists.windows ?? [], 'noMaint');
    $('webhook-list').replaceChildren(...renderWebhooks(lists.webhooks));
  };
  let lastSeen = '';
  const refreshLists = async () => {
    const [open, resolved, upcoming, active, webhooks] = await Promise.all([
      api.get('/v1/incidents?state=open&limit=50'),
      api.get('/v1/incidents?state=resolved&limit=5'),
      api.get('/v1/maintenances?state=upcoming&limit=20'),
      api.get('/v1/maintenances?state=active&limit=20'),
      // 404 while the deployment switched webhooks off: then there is nobody to show.
      api.get('/v1/webhooks?limit=100').catch(() => ({ items: [] })),
    ]);
    const next = { open: open.items, resolved: resolved.items, windows: [...active.items, ...upcoming.items], webhooks: webhooks.items };
    // Re-rendering moves nothing under the commander's focus unless something changed.
    const seen = JSON.stringify(next);
    if (seen === lastSeen) return;
    lastSeen = seen;
    lists = next;
    renderLists();
  };
  const changed = () => void refreshLists().catch(() => {});

  const panel = workPanel({ api, locales, changed });
  const declaring = declareForm({ api, locales, components, scenarios: scenarios.items, declared: (incident) => { panel.show(incident, { watchSeq: 1 }); changed(); } });
  const scheduling = maintenanceForm({ api, locales, components, scheduled: changed });

  for (const button of document.querySelectorAll('[data-lang]')) {
    button.addEventListener('click', () => {
      useLanguage(/** @type {any} */ (/** @type {HTMLElement} */ (button).dataset.lang));
      renderLists();
      panel.relabel();
      declaring.relabel();
      scheduling.relabel();
    });
  }
  $('sign-out').addEventListener('click', async () => {
    await session.signOut();
    location.reload();
  });
  tickPromises(document);
  await refreshLists();
  setInterval(changed, listRefreshMs);
}

void main();
