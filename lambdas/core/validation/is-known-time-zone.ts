/**
 * Whether `Intl` knows the IANA zone (it throws on an unknown one).
 *
 * @example
 * isKnownTimeZone('Asia/Jakarta'); // true
 */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
