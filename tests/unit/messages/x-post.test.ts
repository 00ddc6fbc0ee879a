import twitterText from 'twitter-text';
import { describe, expect, it } from 'vitest';
import { renderXPost } from '../../../lambdas/core/messages/render-x-post.js';
import { aConfig, aContext, anUpdate, theDecemberOutage } from './builders.js';

const realDomain = aConfig({ statusPageUrl: 'https://status.nimbuschat.com' });

describe('X posts', () => {
  it('cuts a long message at a word boundary with an ellipsis and keeps the link whole', () => {
    const message = 'Engineers are adding capacity across every region while we roll back the telemetry change. '.repeat(10);
    const post = renderXPost(aContext(anUpdate({ message: { en: message, id: message } }), 'en', realDomain));
    expect(post.text).toMatch(/ (Engineers|are|adding|capacity|across|every|region|while|we|roll|back|the|telemetry)… Updates: https:\/\/status\.nimbuschat\.com$/);
    expect(twitterText.extractUrls(post.text)).toEqual(['https://status.nimbuschat.com']);
    expect(twitterText.parseTweet(post.text).weightedLength).toBeLessThanOrEqual(280);
  });

  it('counts CJK and emoji as X does, and cuts Japanese between words, not inside an emoji', () => {
    const message = '現在、チャットとAPIが利用できない状態です。エンジニアが復旧作業を進めています。👩‍👩‍👧‍👦'.repeat(8);
    const post = renderXPost(aContext(anUpdate({ message: { en: message, id: message } }), 'en', realDomain));
    expect(post.weightedLength).toBe(twitterText.parseTweet(post.text).weightedLength);
    expect(post.weightedLength).toBeLessThanOrEqual(280);
    expect(post.text).toContain('… Updates: https://status.nimbuschat.com');
    expect(post.text).not.toMatch(/\u200D…/);
  });

  it('posts the opening apology as the head of the thread and every later update as a reply', () => {
    const timeline = theDecemberOutage();
    expect(renderXPost(aContext(timeline['1-apology']!)).replyInThread).toBe(false);
    expect(renderXPost(aContext(timeline['2-update-identified']!)).replyInThread).toBe(true);
    expect(renderXPost(aContext(timeline['4-recovery']!)).replyInThread).toBe(true);
  });

  it('keeps a reply free of the service-wide introduction the thread already gave', () => {
    const reply = renderXPost(aContext(theDecemberOutage()['2-update-identified']!));
    expect(reply.text).toMatch(/^Update: We've found the cause/);
    expect(reply.text).not.toContain('Nimbus Chat is having');
  });
});

describe('the distinct version of an X post', () => {
  it('is the same post stamped with the update time, in the reader locale and zone, still within 280', () => {
    const update = anUpdate({ createdAt: '2024-12-11T23:16:05.000Z' });
    const english = renderXPost(aContext(update, 'en', realDomain));
    expect(english.distinctText).not.toBe(english.text);
    expect(english.distinctText).toMatch(/ · 11:16:05\sPM UTC$/);
    const indonesian = renderXPost(aContext(update, 'id', realDomain));
    expect(indonesian.distinctText).toMatch(/ · 6\.16\.05 WIB$/);
    for (const post of [english, indonesian]) expect(twitterText.parseTweet(post.distinctText).weightedLength).toBeLessThanOrEqual(280);
  });

  it('still fits 280 when the words fill the post, by cutting the words further', () => {
    const message = 'Engineers are adding capacity across every region while we roll back the telemetry change. '.repeat(10);
    const post = renderXPost(aContext(anUpdate({ message: { en: message, id: message } }), 'en', realDomain));
    const { weightedLength, valid } = twitterText.parseTweet(post.distinctText);
    expect(valid).toBe(true);
    expect(weightedLength).toBeLessThanOrEqual(280);
    expect(post.distinctText).toContain('Updates: https://status.nimbuschat.com · ');
  });
});
