import type { ApiOperations } from '../../../core/api/api-contract.js';
import { renderUpdate } from '../../../core/channels/channel-catalog.js';
import { applyScenario } from '../../../core/incident/apply-scenario.js';
import { declareIncident } from '../../../core/incident/lifecycle.js';
import { json } from '../http.js';
import { toMessage } from '../preview-message.js';
import type { RouteInput } from '../route.js';

/**
 * `POST /v1/incidents/preview`: the apology a declaration would send everywhere, before there is an
 * incident to preview an update of (the console shows it while the commander types); stores and
 * sends nothing, and renders even what `notify: false` would keep to itself.
 */
export async function previewDeclarationRoute({ deps, body }: RouteInput<ApiOperations['previewDeclaration']>) {
  const change = declareIncident(applyScenario(body, deps.config), { incidentId: 'inc_preview', updateId: 'upd_preview' }, deps.clock().toISOString(), deps.config);
  const messages = renderUpdate(change.update, deps.config).map(toMessage);
  return json(200, { messages }, { 'cache-control': 'no-store' });
}
