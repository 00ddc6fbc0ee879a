import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../../lambdas/core/messages/render-email.js';
import { renderXPost } from '../../../lambdas/core/messages/render-x-post.js';
import { aConfig, aContext, theDecemberOutage } from './builders.js';

describe('an operator template replaces exactly its own field', () => {
  const config = aConfig({
    templates: {
      recovery: {
        email: { en: { subject: '[{service}] Fixed after {duration}: {title}' }, id: { subject: '[{service}] Normal kembali: {title}' } },
        x: { en: { text: 'All clear after {duration}. {message} {{details}} {url}' } },
      },
    },
  });
  const recovery = theDecemberOutage()['4-recovery']!;

  it('fills the placeholders of an overridden subject and keeps the built-in body', () => {
    const email = renderEmail(aContext(recovery, 'en', config));
    expect(email.subject).toBe('[Nimbus Chat] Fixed after 4 hours 10 minutes: Chat, API and video generation unavailable');
    expect(email.text).toBe(renderEmail(aContext(recovery, 'en')).text);
  });

  it('writes doubled braces as literal braces and still shortens the commander text to fit', () => {
    const post = renderXPost(aContext(recovery, 'en', config));
    expect(post.text).toMatch(/^All clear after 4 hours 10 minutes\. A new telemetry service .*… \{details\} https:\/\/status\.nimbus\.example$/);
    expect(post.weightedLength).toBeLessThanOrEqual(280);
  });

  it('leaves other kinds on the built-in texts', () => {
    const apology = theDecemberOutage()['1-apology']!;
    expect(renderXPost(aContext(apology, 'en', config)).text).toBe(renderXPost(aContext(apology, 'en')).text);
  });
});

describe('an operator template for the postmortem', () => {
  const config = aConfig({
    templates: { postmortem: { x: { en: { text: 'Why {title} broke, and what we changed: {url}' } } } },
  });
  const postmortem = theDecemberOutage()['5-postmortem']!;

  it('replaces the built-in X post of the postmortem only', () => {
    expect(renderXPost(aContext(postmortem, 'en', config)).text).toBe(
      'Why Chat, API and video generation unavailable broke, and what we changed: https://status.nimbus.example',
    );
    const recovery = theDecemberOutage()['4-recovery']!;
    expect(renderXPost(aContext(recovery, 'en', config)).text).toBe(renderXPost(aContext(recovery, 'en')).text);
  });
});
