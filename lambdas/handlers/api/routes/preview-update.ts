import type { ApiOperations } from '../../../core/api/api-contract.js';
import { renderUpdate } from '../../../core/channels/channel-catalog.js';
import type { Message } from '../../../core/incident/answer-schemas.js';
import { addUpdate } from '../../../core/incident/lifecycle.js';
import type { RenderedMessage } from '../../../core/messages/types.js';
import { json } from '../http.js';
import { loadIncidentForChange } from '../load-incident-for-change.js';
import type { RouteInput } from '../route.js';

/** `POST /v1/incidents/{id}/preview`: what the update would send, everywhere; stores and sends nothing. */
export async function previewUpdateRoute({ deps, params, body, headers }: RouteInput<ApiOperations['previewUpdate']>) {
  const { head } = await loadIncidentForChange(deps, params.id, headers.ifMatch);
  const change = addUpdate(head, body, 'upd_preview', deps.clock().toISOString(), deps.config);
  const messages = renderUpdate(change.update, deps.config).map(toMessage);
  return json(200, { messages }, { 'cache-control': 'no-store' });
}

function toMessage(rendered: RenderedMessage): Message {
  const { channel, locale, kind, text } = rendered;
  switch (rendered.channel) {
    case 'email':
      // Rendered for no one: the reader is the locale's default zone, the footer links carry the token `preview`.
      return { channel, locale, kind, subject: rendered.subject, html: rendered.html, text };
    case 'x':
      return { channel, locale, kind, text, weightedLength: rendered.weightedLength };
    case 'inapp':
      return { channel, locale, kind, title: rendered.title, text };
  }
}
