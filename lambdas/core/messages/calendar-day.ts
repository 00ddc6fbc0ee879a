const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day of a moment in a time zone, as `YYYY-MM-DD`: two moments on the same day there
 * can be written as times alone.
 *
 * @example
 * calendarDay('2024-12-11T23:16:00.000Z', 'Asia/Jakarta'); // '2024-12-12'
 */
export function calendarDay(iso: string, timeZone: string): string {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    // en-CA writes dates as ISO does, whatever the reader's language.
    formatter = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone });
    dayFormatters.set(timeZone, formatter);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : formatter.format(date);
}
