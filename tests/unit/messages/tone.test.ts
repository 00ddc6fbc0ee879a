import { describe, expect, it } from 'vitest';
import type { Impact, MessageKind } from '../../../lambdas/core/incident/vocabulary.js';
import { renderEmail } from '../../../lambdas/core/messages/render-email.js';
import { renderInApp } from '../../../lambdas/core/messages/render-inapp.js';
import { aContext, anUpdate, outageResolvedAt } from './builders.js';

function bodyFor(kind: MessageKind, impact: Impact, locale: string): string {
  const update =
    kind === 'recovery' || kind === 'postmortem'
      ? anUpdate({ seq: 4, kind, status: 'resolved', impact, createdAt: outageResolvedAt, incident: { resolvedAt: outageResolvedAt } })
      : anUpdate({ impact });
  return renderEmail(aContext(update, locale)).text;
}

describe('the impact sets the tone', () => {
  it('calls a minor problem trouble and a critical one an outage that has top priority (en)', () => {
    const minor = bodyFor('apology', 'minor', 'en');
    const critical = bodyFor('apology', 'critical', 'en');
    expect(minor).toContain('Some of you may be having trouble with Nimbus Chat. Sorry for the inconvenience.');
    expect(minor).not.toMatch(/outage|very sorry|top priority/);
    expect(critical).toContain('Nimbus Chat is down for most of you right now. We\'re very sorry.');
    expect(critical).toContain('top priority');
  });

  it('apologises formally for a critical outage and simply for a minor one (id)', () => {
    const minor = bodyFor('apology', 'minor', 'id');
    const critical = bodyFor('apology', 'critical', 'id');
    expect(minor).toContain('Kami mohon maaf atas ketidaknyamanan ini.');
    expect(minor).not.toContain('sungguh-sungguh');
    expect(critical).toContain('Kami sungguh-sungguh memohon maaf.');
    expect(critical).toContain('prioritas utama');
  });

  it('owns a critical outage on recovery and only thanks for patience after a minor one', () => {
    expect(bodyFor('recovery', 'critical', 'en')).toContain("We're truly sorry we let you down");
    expect(bodyFor('recovery', 'minor', 'en')).not.toContain('let you down');
    expect(bodyFor('recovery', 'critical', 'id')).toContain('telah mengecewakan Anda');
    expect(bodyFor('recovery', 'minor', 'id')).not.toContain('mengecewakan');
  });

  it('apologises once more in the postmortem, owning a critical outage', () => {
    expect(bodyFor('postmortem', 'critical', 'en')).toContain("We're sorry again that we let you down.");
    expect(bodyFor('postmortem', 'minor', 'en')).toContain('Sorry again for the inconvenience.');
    expect(bodyFor('postmortem', 'critical', 'id')).toContain('sungguh-sungguh memohon maaf karena telah mengecewakan Anda');
    expect(bodyFor('postmortem', 'minor', 'id')).not.toContain('mengecewakan');
  });

  it('writes a different opening for each impact in every locale', () => {
    for (const locale of ['en', 'id']) {
      const openings = (['none', 'minor', 'major', 'critical'] as const).map((impact) => renderInApp(aContext(anUpdate({ impact }), locale)).text);
      expect(new Set(openings).size).toBe(4);
    }
  });
});
