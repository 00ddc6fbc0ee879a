import { maintenanceKinds } from '../incident/vocabulary.js';
import type { MessageKind } from '../incident/vocabulary.js';

/**
 * Every placeholder a template may use, built-in or operator-written. One list, so the renderer
 * fills exactly what configuration loading accepts.
 *
 * @example
 * placeholderNames.includes('duration'); // true
 */
export const placeholderNames = [
  'service',
  'title',
  'message',
  'components',
  'impact',
  'status',
  'headline',
  'apology',
  'progress',
  'duration',
  'startedAt',
  'resolvedAt',
  'time',
  'url',
  'nextUpdate',
  'nextUpdateBy',
  'scheduledFor',
  'scheduledUntil',
  'window',
] as const;

export type PlaceholderName = (typeof placeholderNames)[number];

/** Placeholders that only mean something for some kinds: an open incident has no resolution time. */
export const placeholderKinds: Partial<Record<PlaceholderName, readonly MessageKind[]>> = {
  resolvedAt: ['recovery', 'postmortem'],
  nextUpdate: ['apology', 'update'],
  nextUpdateBy: ['apology', 'update'],
  scheduledFor: maintenanceKinds,
  scheduledUntil: maintenanceKinds,
  window: maintenanceKinds,
};
