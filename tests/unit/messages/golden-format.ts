import type { RenderedMessage } from '../../../lambdas/core/messages/types.js';

/**
 * A rendered message as a reviewer reads it: the metadata as `key: value` lines, a `---` rule,
 * then the text exactly as the customer receives it.
 */
export function goldenFormat(message: RenderedMessage): string {
  const head: [string, string | number | boolean][] = [
    ['channel', message.channel],
    ['locale', message.locale],
    ['kind', message.kind],
  ];
  if (message.channel === 'email') head.push(['subject', message.subject], ['subjectLength', message.subject.length]);
  if (message.channel === 'x') head.push(['weightedLength', message.weightedLength], ['replyInThread', message.replyInThread]);
  if (message.channel === 'inapp') {
    head.push(['title', message.title], ['status', message.status], ['impact', message.impact], ['url', message.url]);
  }
  const text = message.text.endsWith('\n') ? message.text : `${message.text}\n`;
  return `${head.map(([key, value]) => `${key}: ${value}`).join('\n')}\n---\n${text}`;
}
