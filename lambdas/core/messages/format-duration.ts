const unitFormatters = new Map<string, Intl.NumberFormat>();
const units = [
  ['day', 24 * 60],
  ['hour', 60],
  ['minute', 1],
] as const;

/**
 * A duration in whole minutes as the locale says it: "4 hours 10 minutes", "4 jam 10 menit".
 * Each unit goes through `Intl.NumberFormat` (plural forms and unit names are ICU's); the units are
 * joined by a space, the way both shipped languages write durations (`Intl.DurationFormat` is not in
 * Node 20 or 22). Under a minute gives `lessThanAMinute`.
 *
 * @example
 * formatDuration(250 * 60_000, 'en', 'less than a minute'); // '4 hours 10 minutes'
 */
export function formatDuration(milliseconds: number, locale: string, lessThanAMinute: string): string {
  let minutes = Number.isFinite(milliseconds) ? Math.round(Math.max(0, milliseconds) / 60_000) : 0;
  if (minutes === 0) return lessThanAMinute;
  const parts: string[] = [];
  for (const [unit, size] of units) {
    const amount = Math.floor(minutes / size);
    minutes -= amount * size;
    if (amount > 0) parts.push(unitFormatter(locale, unit).format(amount));
  }
  return parts.join(' ');
}

function unitFormatter(locale: string, unit: string): Intl.NumberFormat {
  const key = `${locale}|${unit}`;
  let formatter = unitFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' });
    unitFormatters.set(key, formatter);
  }
  return formatter;
}
