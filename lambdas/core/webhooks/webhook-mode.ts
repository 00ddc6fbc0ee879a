/**
 * Where webhook deliveries run. `deployed`: only https to public addresses. `local`: the local runtime
 * and tests, which also let http and https reach this machine (127.0.0.1, ::1, localhost) so receivers
 * can run beside them; every other private, link-local or metadata address stays refused there too.
 */
export type WebhookMode = 'deployed' | 'local';
