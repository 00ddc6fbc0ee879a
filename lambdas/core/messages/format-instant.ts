const formatters = new Map<string, Intl.DateTimeFormat>();

/** `date-time`: the day and the minute, for readers; `time`: the minute of a day the reader knows; `clock`: the time of day to the second. */
export type InstantStyle = 'date-time' | 'time' | 'clock';

const styleOptions: Record<InstantStyle, Intl.DateTimeFormatOptions> = {
  'date-time': { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  time: { hour: 'numeric', minute: '2-digit' },
  clock: { hour: 'numeric', minute: '2-digit', second: '2-digit' },
};

/**
 * A moment as the locale writes it, in the given time zone, with the zone's short name so a reader
 * never has to guess ("December 11, 2024 at 11:16 PM UTC", "12 Desember 2024 pukul 06.16 WIB").
 * Formatters are cached per locale and zone: building one costs more than a whole render.
 * An unreadable timestamp gives an empty string rather than an exception.
 *
 * @example
 * formatInstant('2024-12-11T23:16:00.000Z', 'id', 'Asia/Jakarta'); // '12 Desember 2024 pukul 06.16 WIB'
 * formatInstant('2024-12-11T23:16:05.000Z', 'en', 'UTC', 'clock'); // '11:16:05 PM UTC'
 */
export function formatInstant(iso: string, locale: string, timeZone: string, style: InstantStyle = 'date-time'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return formatterFor(locale, timeZone, style).format(date);
}

function formatterFor(locale: string, timeZone: string, style: InstantStyle): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${style}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { ...styleOptions[style], timeZone, timeZoneName: 'short' });
    formatters.set(key, formatter);
  }
  return formatter;
}
