import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aDeclaration } from '../support/builders.js';
import { aLocalRuntimeWith } from '../support/local-runtime-with.js';
import { mailsIn, xPostsIn } from '../support/outbox.js';
import { subscribeAndConfirm } from '../support/subscribe-and-confirm.js';

// Soak: 300 updates over 30 incidents from 8 commanders at once, through the local runtime over
// HTTP, with two confirmed email subscribers, so every update also runs the email planner and
// senders (every audience shard read per update and locale). Mail at volume has its own test
// (email-at-scale.test.ts); this one is about many commanders and every channel at once.
// The middle updates of each incident go to in-app and email only: X posts of one incident are threaded, and a reply whose parent is not out yet waits
// 10 s, then 60 s, … on purpose (create-x-record-handler's threadWaitSeconds), which a burst of nine
// updates in a second would turn into minutes. The apology and the recovery go to X too.

const incidents = 30;
const updatesPerIncident = 10;
const commanders = 8;

let local: Awaited<ReturnType<typeof aLocalRuntimeWith>>;
const figures = { writeSeconds: 0, deliverySeconds: 0, rows: 0, mails: 0, posts: 0 };

beforeAll(async () => {
  // Every request comes from 127.0.0.1: 8 commanders' 300 writes, then 30 delivery reads every half
  // second until all are sent, up to 150 s: on a slow machine past the 3,000 requests in 5 minutes
  // one client may make. The soak is about the pipeline; the limits have tests/hostile/client-limits.test.ts.
  local = await aLocalRuntimeWith({ clientLimits: [] });
  for (const [email, locale] of [['soak-en@example.com', 'en'], ['soak-id@example.com', 'id']] as const) await subscribeAndConfirm(local, email, { locale });
});

afterAll(async () => {
  await local?.runtime.stop();
});

/** One commander's incident, apology to recovery, each update sent as soon as the last was accepted. */
async function walkAnIncident(commander: number, incident: number): Promise<string> {
  const declared = await local.api.declare(aDeclaration({ impact: 'major', title: `Soak incident ${incident}`, message: `Soak incident ${incident} by commander ${commander}: chat is failing.` }));
  expect(declared.status).toBe(201);
  const id = declared.json.id as string;
  for (let seq = 2; seq <= updatesPerIncident; seq++) {
    const last = seq === updatesPerIncident;
    const answer = await local.api.update(id, {
      status: last ? 'resolved' : (['identified', 'monitoring', 'investigating'] as const)[seq % 3],
      message: `Soak incident ${incident}, update ${seq}.`,
      channels: last ? ['inapp', 'email', 'x', 'webhook'] : ['inapp', 'email', 'webhook'],
    });
    expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  }
  return id;
}

type Row = { seq: number; channel: string; locale: string; state: string };

async function deliveriesOf(id: string): Promise<Row[]> {
  return (await local.api.get(`/v1/incidents/${id}/deliveries`)).json.items as Row[];
}

/** Rows each incident must end with: apology and recovery on all four channels (X in English), the rest on three. */
const rowsPerIncident = 2 * 7 + (updatesPerIncident - 2) * 6;

describe('soak: 300 updates from 8 commanders at once', () => {
  let ids: string[] = [];

  it('every commander’s updates are accepted', async () => {
    const started = Date.now();
    ids = (
      await Promise.all(
        Array.from({ length: commanders }, async (_, commander) => {
          const mine: string[] = [];
          for (let incident = commander; incident < incidents; incident += commanders) mine.push(await walkAnIncident(commander, incident));
          return mine;
        }),
      )
    ).flat();
    figures.writeSeconds = (Date.now() - started) / 1000;
    expect(ids).toHaveLength(incidents);
  }, 120_000);

  it('every timeline is gap-free, seq 1 to 10', async () => {
    for (const id of ids) {
      const incident = (await local.api.get(`/v1/incidents/${id}`)).json as { updates: { seq: number }[]; status: string };
      expect(incident.updates.map((update) => update.seq)).toEqual(Array.from({ length: updatesPerIncident }, (_, index) => index + 1));
      expect(incident.status).toBe('resolved');
    }
  }, 60_000);

  it('every delivery ends `sent`, once per subscriber and post, with nothing in the dead-letter file', async () => {
    const started = Date.now();
    const deadline = started + 150_000;
    let unsent: Row[] = [];
    for (;;) {
      await local.runtime.pipeline.settled(30_000);
      const rows = (await Promise.all(ids.map(deliveriesOf))).flat();
      unsent = rows.filter((row) => row.state !== 'sent');
      figures.rows = rows.length;
      // `settled()` may answer before DynamoDB Local's stream shows the last writes; the ledger is the judge.
      if ((rows.length === incidents * rowsPerIncident && unsent.length === 0) || Date.now() > deadline) break;
      await new Promise((done) => setTimeout(done, 500));
    }
    figures.deliverySeconds = (Date.now() - started) / 1000;
    expect(unsent).toEqual([]);
    expect(figures.rows).toBe(incidents * rowsPerIncident);
    expect(existsSync(local.runtime.pipeline.deadLetterFile)).toBe(false);

    const mails = (await mailsIn(local.outboxDir)).filter((mail) => !mail.text.includes('/v1/subscriptions/confirm?token='));
    figures.mails = mails.length;
    for (const address of ['soak-en@example.com', 'soak-id@example.com']) expect(mails.filter((mail) => mail.to === address)).toHaveLength(incidents * updatesPerIncident);
    const posts = xPostsIn(local.outboxDir);
    figures.posts = posts.length;
    expect(posts).toHaveLength(incidents * 2);
    expect(new Set(posts.map((post) => post.updateId)).size).toBe(posts.length);

    console.log(
      `soak: ${incidents * updatesPerIncident} updates over ${incidents} incidents by ${commanders} commanders accepted in ${figures.writeSeconds.toFixed(1)} s ` +
        `(${Math.round((incidents * updatesPerIncident) / figures.writeSeconds)} updates/s); all ${figures.rows} deliveries sent ${figures.deliverySeconds.toFixed(1)} s later; ` +
        `${figures.mails} mails, ${figures.posts} X posts, nothing dead-lettered`,
    );
  }, 180_000);
});
