import type { UpdateAnswer } from '../incident/answer-schemas.js';
import { isMaintenanceKind } from '../incident/vocabulary.js';
import type { WebhookLabels } from './types.js';

/**
 * Where an update stands, in the labels' words: its status, and for an incident its impact. A window
 * shows no impact: "no impact" would mislead readers whose chat history is read-only for half an hour.
 *
 * @example
 * standingLabels({ kind: 'update', status: 'identified', impact: 'major' }, webhookLabels('en', config)); // ['Cause identified', 'major']
 */
export function standingLabels({ kind, status, impact }: Pick<UpdateAnswer, 'kind' | 'status' | 'impact'>, labels: WebhookLabels): string[] {
  return isMaintenanceKind(kind) ? [labels.status[status]] : [labels.status[status], labels.impact[impact]];
}
