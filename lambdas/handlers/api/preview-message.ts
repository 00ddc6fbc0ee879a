import type { Message } from '../../core/incident/answer-schemas.js';
import type { RenderedMessage } from '../../core/messages/types.js';

/** A rendered message as a preview answers it: what the reader would get, without the channel's internals. */
export function toMessage(rendered: RenderedMessage): Message {
  const { channel, locale, kind, text } = rendered;
  switch (rendered.channel) {
    case 'email':
      // Rendered for no one: the reader is the locale's default zone, the footer links carry the token `preview`.
      return { channel, locale, kind, subject: rendered.subject, html: rendered.html, text };
    case 'x':
      return { channel, locale, kind, text, weightedLength: rendered.weightedLength };
    case 'inapp':
    case 'webhook':
      return { channel, locale, kind, title: rendered.title, text };
  }
}
