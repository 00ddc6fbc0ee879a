/**
 * The form an address is stored and compared in: trimmed and lower-cased, so "Ana@Example.com" and
 * "ana@example.com " are one subscriber (mail systems treat the local part case-insensitively in
 * practice, whatever RFC 5321 allows).
 *
 * @example
 * normalizeAddress(' Ana@Example.COM '); // 'ana@example.com'
 */
export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}
