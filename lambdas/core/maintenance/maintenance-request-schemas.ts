import * as z from 'zod/mini';
import '../validation/english-issues.js';
import type { Config } from '../config/config-schema.js';
import { createRequestSchemas } from '../incident/request-schemas.js';
import { maintenanceStatusSchema } from '../incident/vocabulary.js';

/** A reminder at most a week before the start; 0 sends none. */
export const remindBeforeMinutes = { max: 10_080, default: 60 } as const;

const instantSchema = z.iso.datetime({ offset: true }).check(z.describe('An ISO 8601 instant, e.g. 2031-03-03T02:00:00Z'));

/**
 * The bodies of the maintenance routes, built from the same pieces as the incidents' (titles and
 * messages by locale, configured components and channels). Whether the times lie ahead is checked
 * against the clock when the window is scheduled (maintenance-lifecycle.ts), not here.
 */
export function createMaintenanceRequestSchemas(config: Config) {
  const { localizedTitleSchema, messageSchema, channelsSchema, componentIds } = createRequestSchemas(config).parts;

  const componentsSchema = z
    .array(z.enum(componentIds))
    .check(
      z.minLength(1),
      z.maxLength(componentIds.length),
      z.refine((ids) => new Set(ids).size === ids.length, { message: 'names a component twice' }),
      z.describe('The configured components the work affects (at least one): under_maintenance while it is in progress'),
    );

  const scheduleMaintenanceSchema = z
    .strictObject({
      title: localizedTitleSchema,
      message: messageSchema,
      components: componentsSchema,
      scheduledFor: instantSchema,
      scheduledUntil: instantSchema,
      remindBeforeMinutes: z._default(
        z.number().check(z.int(), z.minimum(0), z.maximum(remindBeforeMinutes.max), z.describe('Minutes before the start to send the reminder (0–10080, default 60); 0 sends none')),
        remindBeforeMinutes.default,
      ),
      autoStart: z._default(z.boolean().check(z.describe('Start the window at scheduledFor (default true)')), true),
      autoComplete: z._default(z.boolean().check(z.describe('Complete the window at scheduledUntil (default true)')), true),
      notify: z._default(z.boolean(), true),
      channels: z.optional(channelsSchema),
    })
    .check(
      z.refine((body) => Date.parse(body.scheduledUntil) > Date.parse(body.scheduledFor), {
        path: ['scheduledUntil'],
        message: 'must be after scheduledFor',
      }),
    );

  const updateMaintenanceSchema = z
    .strictObject({
      status: maintenanceStatusSchema,
      message: messageSchema,
      scheduledFor: z.optional(instantSchema),
      scheduledUntil: z.optional(instantSchema),
      notify: z._default(z.boolean(), true),
    })
    .check(
      z.refine((body) => body.scheduledFor === undefined || body.scheduledUntil === undefined || Date.parse(body.scheduledUntil) > Date.parse(body.scheduledFor), {
        path: ['scheduledUntil'],
        message: 'must be after scheduledFor',
      }),
    );

  return { scheduleMaintenanceSchema, updateMaintenanceSchema };
}

export type MaintenanceRequestSchemas = ReturnType<typeof createMaintenanceRequestSchemas>;
export type ScheduleMaintenanceInput = z.output<MaintenanceRequestSchemas['scheduleMaintenanceSchema']>;
export type UpdateMaintenanceInput = z.output<MaintenanceRequestSchemas['updateMaintenanceSchema']>;
