const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A time window as the locale writes a range, in the reader's zone, saying the day once when both
 * ends fall on it ("December 21, 2024, 6:00 – 7:00 PM UTC", "22 Desember 2024 01.00–02.00 WIB").
 * An unreadable timestamp gives an empty string rather than an exception.
 *
 * @example
 * formatWindow('2024-12-21T18:00:00.000Z', '2024-12-21T19:00:00.000Z', 'en', 'UTC'); // 'December 21, 2024, 6:00 – 7:00 PM UTC'
 */
export function formatWindow(from: string, until: string, locale: string, timeZone: string): string {
  const start = new Date(from);
  const end = new Date(until);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end < start) return '';
  const key = `${locale}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' });
    formatters.set(key, formatter);
  }
  return formatter.formatRange(start, end);
}
