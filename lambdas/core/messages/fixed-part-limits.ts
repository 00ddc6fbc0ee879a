/**
 * The most fixed text (a template with its placeholders taken out) each field may hold, leaving room
 * for the placeholders within the field's bound: email subject 150, X 280 weighted with the 23-weight
 * link, in-app title 80 and text 500. X counts as twitter-text weighs it, the others in code points.
 *
 * @example
 * fixedPartLimits.x.text; // 200
 */
export const fixedPartLimits = {
  email: { subject: 100, body: 3000 },
  x: { text: 200 },
  inapp: { title: 60, text: 400 },
} as const;
