import type { RenderedMessage } from '../../../lambdas/core/messages/types.js';
import { countCodePoints } from '../../../lambdas/core/validation/code-point-string.js';

/**
 * A rendered message as a reviewer reads it: the metadata as `key: value` lines, a `---` rule,
 * then the text exactly as the customer receives it. A subject's length is in code points, as its
 * bound is; an email's HTML part has golden files of its own.
 */
export function goldenFormat(message: RenderedMessage): string {
  const head: [string, string | number | boolean][] = [
    ['channel', message.channel],
    ['locale', message.locale],
    ['kind', message.kind],
  ];
  if (message.channel === 'email') head.push(['subject', message.subject], ['subjectLength', countCodePoints(message.subject)]);
  if (message.channel === 'x') head.push(['weightedLength', message.weightedLength], ['replyInThread', message.replyInThread]);
  if (message.channel === 'inapp') {
    head.push(['title', message.title], ['status', message.status], ['impact', message.impact], ['url', message.url]);
  }
  const text = message.text.endsWith('\n') ? message.text : `${message.text}\n`;
  return `${head.map(([key, value]) => `${key}: ${value}`).join('\n')}\n---\n${text}`;
}
