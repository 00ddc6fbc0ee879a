import { renderUpdate } from '../../../core/channels/channel-catalog.js';
import { addUpdate, LifecycleConflict } from '../../../core/incident/lifecycle.js';
import type { Message } from '../../../core/incident/answer-schemas.js';
import type { RenderedMessage } from '../../../core/messages/types.js';
import type { RouteContext } from '../route.js';
import { json } from '../http.js';
import { loadIncidentForChange } from '../load-incident-for-change.js';
import { HttpProblem } from '../problem.js';
import { readJsonBody } from '../read-json-body.js';
import { readIfMatch } from '../request-headers.js';

/** `POST /v1/incidents/{id}/preview`: what the update would send, everywhere; stores and sends nothing. */
export async function previewUpdateRoute({ event, deps, params }: RouteContext) {
  const input = readJsonBody(event, deps.schemas.addUpdateSchema);
  const { head } = await loadIncidentForChange(deps, params.id!, readIfMatch(event));
  let change;
  try {
    change = addUpdate(head, input, 'upd_preview', deps.clock().toISOString(), deps.config);
  } catch (error) {
    if (error instanceof LifecycleConflict) throw new HttpProblem(409, 'incident-resolved', error.message);
    throw error;
  }
  const messages = renderUpdate(change.update, deps.config).map(toMessage);
  return json(200, { messages }, { 'cache-control': 'no-store' });
}

function toMessage(rendered: RenderedMessage): Message {
  const { channel, locale, kind, text } = rendered;
  switch (rendered.channel) {
    case 'email':
      return { channel, locale, kind, subject: rendered.subject, text };
    case 'x':
      return { channel, locale, kind, text, weightedLength: rendered.weightedLength };
    case 'inapp':
      return { channel, locale, kind, title: rendered.title, text };
  }
}
