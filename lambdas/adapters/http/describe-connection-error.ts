import { DestinationRefused } from './destination-refused.js';

// OpenSSL's certificate verdicts, as Node reports them in `error.code`.
const certificateCodes = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|ERR_TLS_|ERR_SSL_|EPROTO$)/;

/**
 * A failed connection or exchange in words for the subscriber's `lastFailure`: what went wrong and,
 * where it helps the receiver's owner, Node's code to search for.
 *
 * @example
 * describeConnectionError(Object.assign(new Error('connect ECONNREFUSED 203.0.113.9:443'), { code: 'ECONNREFUSED' }));
 * // 'the connection was refused'
 */
export function describeConnectionError(error: unknown): string {
  if (error instanceof DestinationRefused) return error.message;
  const { code, message } = (error ?? {}) as NodeJS.ErrnoException;
  switch (code) {
    case 'ECONNREFUSED':
      return 'the connection was refused';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'the connection was closed before an answer';
    case 'ETIMEDOUT':
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return `the host could not be reached (${code})`;
  }
  if (code && certificateCodes.test(code)) return `the TLS connection failed (${code}): ${message}`;
  if (code?.startsWith('HPE_')) return `the answer was not valid HTTP (${code})`;
  return `the request failed: ${message ?? String(error)}`;
}
