import * as z from 'zod';

// Locale keys are checked against the configured locales by validateTemplates, which can name the template.
const templateText = z.string().min(1).max(5000);

const emailTemplates = z.strictObject({ subject: templateText.optional(), body: templateText.optional() });
const xTemplates = z.strictObject({ text: templateText.optional() });
const inAppTemplates = z.strictObject({ title: templateText.optional(), text: templateText.optional() });

const kindTemplates = z.strictObject({
  email: z.record(z.string(), emailTemplates).optional(),
  x: z.record(z.string(), xTemplates).optional(),
  inapp: z.record(z.string(), inAppTemplates).optional(),
});

/**
 * Operator templates in `incident-comms.config.json`: `templates.<kind>.<channel>.<locale>.<field>`,
 * each a string with `{placeholder}`s that replaces the built-in text for that one field. Fields:
 * `email.subject`, `email.body`, `x.text`, `inapp.title`, `inapp.text`.
 *
 * @example
 * templatesSchema.parse({ recovery: { email: { en: { subject: '[{service}] Fixed: {title}' }, id: { subject: '[{service}] Pulih: {title}' } } } });
 */
export const templatesSchema = z.strictObject({
  apology: kindTemplates.optional(),
  update: kindTemplates.optional(),
  recovery: kindTemplates.optional(),
  postmortem: kindTemplates.optional(),
  maintenance_scheduled: kindTemplates.optional(),
  maintenance_reminder: kindTemplates.optional(),
  maintenance_started: kindTemplates.optional(),
  maintenance_completed: kindTemplates.optional(),
  maintenance_cancelled: kindTemplates.optional(),
});

export type Templates = z.infer<typeof templatesSchema>;
