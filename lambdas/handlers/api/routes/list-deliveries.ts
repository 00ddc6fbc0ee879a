import type { ApiOperations } from '../../../core/api/api-contract.js';
import { json } from '../http.js';
import type { ApiDependencies } from '../api-dependencies.js';
import { findIncident } from '../load-incident-for-change.js';
import { findMaintenance } from '../load-maintenance.js';
import type { RouteInput } from '../route.js';

/** `GET /v1/incidents/{id}/deliveries` (commander): what was sent where. */
export async function listDeliveriesRoute({ deps, params }: RouteInput<ApiOperations['listDeliveries']>) {
  const { head } = await findIncident(deps, params.id);
  return deliveriesOf(deps, head.id);
}

/** `GET /v1/maintenances/{id}/deliveries` (commander): what a window's messages sent where, in the same ledger. */
export async function listMaintenanceDeliveriesRoute({ deps, params }: RouteInput<ApiOperations['listMaintenanceDeliveries']>) {
  const { head } = await findMaintenance(deps, params.id);
  return deliveriesOf(deps, head.id);
}

async function deliveriesOf(deps: ApiDependencies, recordId: string) {
  const items = await deps.deliveries.listForIncident(recordId);
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
