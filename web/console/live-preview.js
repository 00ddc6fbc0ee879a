// @ts-check
// A preview that follows the commander's typing: one request once they pause, and only the newest
// request's answer shown, however late an older one arrives.

import { debounce } from './debounce.js';
import { t } from './i18n.js';
import { renderPreview } from './preview.js';

/** @typedef {{ path: string, body: unknown, words: Record<string, string> }} PreviewRequest */

/**
 * Keeps `container` showing the preview of what the form says, and `state` (a live region) saying
 * where it stands. `request()` gives the preview route, its body and the commander's words by locale,
 * or `null` while there is nothing to preview; `readyText()` is what `state` says once it is shown.
 * @param {{
 *   container: HTMLElement,
 *   state: HTMLElement,
 *   request: () => PreviewRequest | null,
 *   send: (path: string, body: unknown) => Promise<{ body: { messages: import('./preview.js').Message[] } }>,
 *   readyText: () => string,
 * }} options
 * @example
 * const preview = livePreview({ container, state, request: () => ({ path: '/v1/incidents/preview', body, words }), send: (path, body) => api.send('POST', path, body), readyText: () => '' });
 * form.addEventListener('input', preview.refresh);
 */
export function livePreview({ container, state, request, send, readyText }) {
  // Each request, and each clearing, takes a number: an answer that is not the newest one's is dropped.
  let newest = 0;

  function clear() {
    newest += 1;
    container.replaceChildren();
    state.textContent = t('previewEmpty');
  }

  const refresh = debounce(async () => {
    const wanted = request();
    if (!wanted) return clear();
    const run = ++newest;
    state.textContent = t('previewLoading');
    try {
      const answer = await send(wanted.path, wanted.body);
      if (run !== newest) return;
      renderPreview(container, answer.body.messages, wanted.words);
      state.textContent = readyText();
    } catch (error) {
      if (run !== newest) return;
      state.textContent = t('previewFailed', { m: error instanceof Error ? error.message : String(error) });
    }
  }, 350);

  return { refresh, clear };
}
