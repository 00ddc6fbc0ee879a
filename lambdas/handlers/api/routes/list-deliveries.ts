import type { ApiOperations } from '../../../core/api/api-contract.js';
import { json } from '../http.js';
import { findIncident } from '../load-incident-for-change.js';
import type { RouteInput } from '../route.js';

/** `GET /v1/incidents/{id}/deliveries` (commander): what was sent where. */
export async function listDeliveriesRoute({ deps, params }: RouteInput<ApiOperations['listDeliveries']>) {
  const { head } = await findIncident(deps, params.id);
  const items = await deps.deliveries.listForIncident(head.id);
  return json(
    200,
    {
      items: items.map(({ updateId, seq, channel, locale, state, attempts, redrives, externalId, detail, recipients, updatedAt }) => ({
        updateId,
        seq,
        channel,
        locale,
        state,
        attempts,
        redrives,
        externalId,
        detail,
        recipients,
        updatedAt,
      })),
    },
    { 'cache-control': 'no-store' },
  );
}
