/**
 * An address shown to whoever holds a preferences link: enough to recognise it, not enough to
 * harvest it.
 *
 * @example
 * maskAddress('ana.lestari@example.com'); // 'a***@example.com'
 */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}
