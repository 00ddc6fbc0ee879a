/**
 * Names no real service can have: RFC 2606 and RFC 6761 keep these for documentation and tests,
 * so a configuration that still names one is a sample, not something to deploy.
 */
const reservedSuffixes = ['example', 'test', 'invalid', 'localhost', 'example.com', 'example.net', 'example.org'];

/**
 * @example
 * isReservedExampleHost('auth.nimbus.example'); // true
 * isReservedExampleHost('cognito-idp.eu-west-1.amazonaws.com'); // false
 */
export function isReservedExampleHost(hostName: string): boolean {
  const host = hostName.toLowerCase().replace(/\.$/, '');
  return reservedSuffixes.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}
