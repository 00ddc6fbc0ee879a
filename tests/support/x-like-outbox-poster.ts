import { OutboxXPoster } from '../../lambdas/adapters/x/outbox-x-poster.js';
import { XDuplicateContent } from '../../lambdas/core/ports/x-post-errors.js';
import type { XPoster, XPostRequest } from '../../lambdas/core/ports/x-poster.js';
import type { Clock } from '../../lambdas/core/ports/clock.js';

/**
 * The local outbox poster with the one X rule the X handler leans on after a crash between a post
 * and its ledger write: X refuses a text this account has already posted (403 duplicate content).
 */
export class XLikeOutboxPoster implements XPoster {
  private readonly outbox: OutboxXPoster;
  private readonly posted = new Set<string>();

  constructor(props: { outboxDir: string; clock?: Clock }) {
    this.outbox = new OutboxXPoster(props);
  }

  async post(request: XPostRequest): Promise<{ id: string }> {
    if (this.posted.has(request.text)) throw new XDuplicateContent();
    this.posted.add(request.text);
    return this.outbox.post(request);
  }
}
