import type { ApiOperations } from '../../../core/api/api-contract.js';
import type { RedrivableChannel, RedriveRequest } from '../../../core/delivery/redrive-request.js';
import { redrivableChannelSchema } from '../../../core/delivery/redrive-request.js';
import { ConcurrentUpdate } from '../../../core/incident/errors.js';
import { json } from '../http.js';
import { findIncident } from '../load-incident-for-change.js';
import type { RouteInput } from '../route.js';

/** Another commander redriving the same rows at the same moment: read again this often before giving up. */
const attempts = 5;

/**
 * `POST /v1/incidents/{id}/deliveries/redrive` (commander): every `failed` X or in-app delivery of
 * the incident (of one update, of one channel, when the body says so) is reset to `pending`, counted
 * on its row, and published again through the table's stream and the fan-out, per update one request
 * written with the resets, all or nothing. Nothing failed: `202` with an empty list. Repeating it is
 * safe: a row is reset only from `failed`.
 */
export async function redriveDeliveriesRoute({ deps, params, body }: RouteInput<ApiOperations['redriveDeliveries']>) {
  const { head, updates } = await findIncident(deps, params.id);
  const redriven: { seq: number; channel: RedrivableChannel; locale: string }[] = [];
  for (let attempt = 1; ; attempt++) {
    const failed = (await deps.deliveries.listForIncident(head.id)).filter(
      (row) => row.state === 'failed' && (body.seq === undefined || row.seq === body.seq) && (body.channel === undefined || row.channel === body.channel),
    );
    const requests: RedriveRequest[] = [];
    for (const update of updates) {
      const targets = failed
        .filter((row) => row.seq === update.seq)
        .flatMap((row) => {
          const channel = redrivableChannelSchema.safeParse(row.channel);
          return channel.success ? [{ channel: channel.data, locale: row.locale }] : [];
        });
      if (targets.length > 0) requests.push({ incidentId: head.id, redriveId: deps.ids.redriveId(), requestedAt: deps.clock().toISOString(), update, targets });
    }
    const written = await Promise.all(requests.map((request) => deps.deliveries.redrive(request)));
    requests.forEach((request, index) => {
      if (written[index]) redriven.push(...request.targets.map((target) => ({ seq: request.update.seq, ...target })));
    });
    // A request refused means one of its rows changed meanwhile (another redrive, or its delivery went on): read again.
    if (written.every(Boolean)) break;
    if (attempt === attempts) throw new ConcurrentUpdate(`other redrives of incident ${head.id} kept changing its deliveries; retry`);
  }
  deps.logger.info('deliveries redriven', { incidentId: head.id, count: redriven.length });
  return json(202, { redriven }, { 'cache-control': 'no-store' });
}
