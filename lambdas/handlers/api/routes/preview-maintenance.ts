import type { ApiOperations } from '../../../core/api/api-contract.js';
import { renderUpdate } from '../../../core/channels/channel-catalog.js';
import { fireMaintenanceTimer, scheduleMaintenance } from '../../../core/maintenance/maintenance-lifecycle.js';
import { json } from '../http.js';
import { toMessage } from '../preview-message.js';
import type { RouteInput } from '../route.js';

/**
 * `POST /v1/maintenances/preview`: what scheduling the window would send now, and the reminder its
 * timer would send before the start (when it gets one); stores and sends nothing. It refuses what
 * scheduling would refuse (a window in the past).
 */
export async function previewMaintenanceRoute({ deps, body }: RouteInput<ApiOperations['previewMaintenance']>) {
  const now = deps.clock().toISOString();
  const scheduled = scheduleMaintenance({ ...body, notify: true }, { maintenanceId: 'mnt_preview', updateId: 'upd_preview' }, now, deps.config);
  const reminderDue = scheduled.head.window?.reminderDue ?? null;
  const reminded = reminderDue === null ? undefined : fireMaintenanceTimer(scheduled.head, { kind: 'maintenance-reminder', version: 1 }, 'upd_preview_reminder', reminderDue, deps.config);
  const updates = [scheduled.update, ...(reminded && !('nothing' in reminded) ? [reminded.update] : [])];
  const messages = updates.flatMap((update) => renderUpdate(update, deps.config)).map(toMessage);
  return json(200, { messages }, { 'cache-control': 'no-store' });
}
