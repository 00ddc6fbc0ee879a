import { normalizeAddress } from '../../../lambdas/core/email/normalize-address.js';
import type { SubscriberState } from '../../../lambdas/core/incident/vocabulary.js';
import type { SubscriberPage, SubscriberStore } from '../../../lambdas/core/ports/subscriber-store.js';
import type { MailRequest } from '../../../lambdas/core/subscribers/mail-request.js';
import { shardOf } from '../../../lambdas/core/subscribers/subscriber.js';
import type { Subscriber } from '../../../lambdas/core/subscribers/subscriber.js';
import { readMemoryCursor, writeMemoryCursor } from './memory-cursor.js';

/**
 * The subscriber list in memory, with the DynamoDB adapter's semantics: an address once (create
 * refuses a taken one), saves only on the expected version, a mail request written with its change
 * and only then; the list newest first by creation time then id with an exact `nextCursor`; the
 * audience of a locale and shard holding confirmed subscribers only, by id. The same contract tests
 * run against this and the DynamoDB adapter.
 */
export class MemorySubscriberStore implements SubscriberStore {
  private readonly byId = new Map<string, Subscriber>();
  private readonly idByAddress = new Map<string, string>();
  private readonly requests: MailRequest[] = [];

  async findByEmail(email: string): Promise<Subscriber | undefined> {
    const id = this.idByAddress.get(normalizeAddress(email));
    return id === undefined ? undefined : this.get(id);
  }

  async get(id: string): Promise<Subscriber | undefined> {
    return structuredClone(this.byId.get(id));
  }

  async getMany(ids: readonly string[]): Promise<Subscriber[]> {
    return [...new Set(ids)].flatMap((id) => {
      const subscriber = this.byId.get(id);
      return subscriber ? [structuredClone(subscriber)] : [];
    });
  }

  async create(subscriber: Subscriber, mail?: MailRequest): Promise<boolean> {
    const address = normalizeAddress(subscriber.email);
    if (this.idByAddress.has(address) || this.byId.has(subscriber.id)) return false;
    this.idByAddress.set(address, subscriber.id);
    this.byId.set(subscriber.id, structuredClone(subscriber));
    if (mail) this.requests.push(structuredClone(mail));
    return true;
  }

  async save(subscriber: Subscriber, expectedVersion: number, mail?: MailRequest): Promise<boolean> {
    if (this.byId.get(subscriber.id)?.version !== expectedVersion) return false;
    this.byId.set(subscriber.id, structuredClone(subscriber));
    if (mail) this.requests.push(structuredClone(mail));
    return true;
  }

  async list(options: { state?: SubscriberState; limit: number; cursor?: string }): Promise<SubscriberPage> {
    const listing = options.state ?? 'all';
    const below = options.cursor === undefined ? undefined : readMemoryCursor(options.cursor, listing, 'cursor');
    const matching = [...this.byId.values()]
      .filter((subscriber) => options.state === undefined || subscriber.state === options.state)
      .map((subscriber) => ({ subscriber, position: `${subscriber.createdAt}#${subscriber.id}` }))
      .sort((a, b) => (a.position < b.position ? 1 : -1))
      .filter(({ position }) => below === undefined || position < below);
    const page = matching.slice(0, options.limit);
    return {
      subscribers: structuredClone(page.map(({ subscriber }) => subscriber)),
      nextCursor: matching.length > options.limit ? writeMemoryCursor(listing, page.at(-1)!.position) : null,
    };
  }

  async audiencePage(locale: string, shard: number, options: { limit: number; cursor?: string }): Promise<SubscriberPage> {
    const listing = `audience|${locale}|${shard}`;
    const after = options.cursor === undefined ? undefined : readMemoryCursor(options.cursor, listing, 'cursor');
    const audience = [...this.byId.values()]
      .filter((subscriber) => subscriber.state === 'confirmed' && subscriber.locale === locale && shardOf(subscriber.id) === shard)
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .filter((subscriber) => after === undefined || subscriber.id > after);
    const page = audience.slice(0, options.limit);
    // DynamoDB returns a LastEvaluatedKey whenever it stopped at the limit, even on the last page.
    const last = page.length === options.limit ? page.at(-1) : undefined;
    return { subscribers: structuredClone(page), nextCursor: last ? writeMemoryCursor(listing, last.id) : null };
  }

  /** Test seam: every mail request written, in order (the table's stream hands them to the email workers). */
  mailRequests(): MailRequest[] {
    return structuredClone(this.requests);
  }
}
