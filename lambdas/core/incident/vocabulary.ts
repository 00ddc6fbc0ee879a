import * as z from 'zod/mini';
import '../validation/english-issues.js';

export const openStatuses = ['investigating', 'identified', 'monitoring'] as const;
export const incidentStatusSchema = z.enum([...openStatuses, 'resolved']);
export const openStatusSchema = z.enum(openStatuses);
export const impactSchema = z.enum(['none', 'minor', 'major', 'critical']);
export const componentStatusSchema = z.enum([
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
]);
export const maintenanceStatuses = ['scheduled', 'in_progress', 'verifying', 'completed', 'cancelled'] as const;
export const maintenanceStatusSchema = z.enum(maintenanceStatuses);
/** What a stored head or timeline entry may say: an incident's status, or a maintenance window's. */
export const recordStatusSchema = z.enum([...openStatuses, 'resolved', ...maintenanceStatuses]);
export const overallStatusSchema = z.enum(['operational', 'degraded_performance', 'partial_outage', 'major_outage']);
export const maintenanceKinds = ['maintenance_scheduled', 'maintenance_reminder', 'maintenance_started', 'maintenance_completed', 'maintenance_cancelled'] as const;
export const messageKindSchema = z.enum(['apology', 'update', 'recovery', 'postmortem', ...maintenanceKinds]);
export const channelSchema = z.enum(['email', 'x', 'inapp', 'webhook']);
export const deliveryStateSchema = z.enum(['pending', 'sent', 'failed', 'skipped']);
export const subscriberStateSchema = z.enum(['pending', 'confirmed', 'unsubscribed', 'suppressed']);

export type IncidentStatus = z.infer<typeof incidentStatusSchema>;
export type OpenStatus = z.infer<typeof openStatusSchema>;
export type MaintenanceStatus = z.infer<typeof maintenanceStatusSchema>;
export type RecordStatus = z.infer<typeof recordStatusSchema>;
export type MaintenanceKind = (typeof maintenanceKinds)[number];
export type Impact = z.infer<typeof impactSchema>;
export type ComponentStatus = z.infer<typeof componentStatusSchema>;
export type OverallStatus = z.infer<typeof overallStatusSchema>;
export type MessageKind = z.infer<typeof messageKindSchema>;
export type Channel = z.infer<typeof channelSchema>;
export type DeliveryState = z.infer<typeof deliveryStateSchema>;
export type SubscriberState = z.infer<typeof subscriberStateSchema>;

export const channels: readonly Channel[] = channelSchema.options;

export function isMaintenanceKind(kind: MessageKind): kind is MaintenanceKind {
  return (maintenanceKinds as readonly string[]).includes(kind);
}

/** A resolved incident, a completed or cancelled window: over, its components back in service. */
export function hasEnded(status: RecordStatus): boolean {
  return status === 'resolved' || status === 'completed' || status === 'cancelled';
}

export function isMaintenanceStatus(status: RecordStatus): status is MaintenanceStatus {
  return (maintenanceStatuses as readonly string[]).includes(status);
}
