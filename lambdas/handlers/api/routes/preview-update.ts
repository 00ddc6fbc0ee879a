import type { ApiOperations } from '../../../core/api/api-contract.js';
import { renderUpdate } from '../../../core/channels/channel-catalog.js';
import { addUpdate } from '../../../core/incident/lifecycle.js';
import { publishPostmortem } from '../../../core/incident/publish-postmortem.js';
import { json } from '../http.js';
import { loadIncidentForChange } from '../load-incident-for-change.js';
import { toMessage } from '../preview-message.js';
import type { RouteInput } from '../route.js';

/**
 * `POST /v1/incidents/{id}/preview`: what the update, or the postmortem, would send everywhere; stores
 * and sends nothing. It refuses what the real request would refuse (an update after `resolved`, a
 * postmortem before it), and renders even what `notify: false` would keep to itself.
 */
export async function previewUpdateRoute({ deps, params, body, headers }: RouteInput<ApiOperations['previewUpdate']>) {
  const stored = await loadIncidentForChange(deps, params.id, headers.ifMatch);
  const now = deps.clock().toISOString();
  const change = 'postmortem' in body
    ? publishPostmortem(stored, { body: body.postmortem, notify: true }, 'upd_preview', now, deps.config)
    : addUpdate(stored.head, body, 'upd_preview', now, deps.config);
  const messages = renderUpdate(change.update, deps.config).map(toMessage);
  return json(200, { messages }, { 'cache-control': 'no-store' });
}
