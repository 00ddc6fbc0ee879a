const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A moment as the locale writes it, in the given time zone, with the zone's short name so a reader
 * never has to guess ("December 11, 2024 at 11:16 PM UTC", "12 Desember 2024 pukul 06.16 WIB").
 * Formatters are cached per locale and zone: building one costs more than a whole render.
 * An unreadable timestamp gives an empty string rather than an exception.
 *
 * @example
 * formatInstant('2024-12-11T23:16:00.000Z', 'id', 'Asia/Jakarta'); // '12 Desember 2024 pukul 06.16 WIB'
 */
export function formatInstant(iso: string, locale: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return formatterFor(locale, timeZone).format(date);
}

function formatterFor(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    });
    formatters.set(key, formatter);
  }
  return formatter;
}
