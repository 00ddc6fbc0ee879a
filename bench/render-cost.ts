import { performance } from 'node:perf_hooks';
import { renderUpdate } from '../lambdas/core/channels/channel-catalog.js';
import { aConfig } from '../tests/support/builders.js';
import { aFollowUp, anOpeningUpdate } from '../tests/support/timeline.js';
import type { Figure } from './figure.js';
import { median, round } from './figure.js';

/** Microseconds to render every channel × locale of one update, against serialising that update. */
export async function measureRenderCost(): Promise<Figure> {
  const config = aConfig({ channels: { email: { enabled: true }, x: { enabled: true, locales: ['en', 'id'] }, inapp: { enabled: true } } });
  const opening = anOpeningUpdate(config, { impact: 'critical', message: 'We are seeing elevated error rates across Chat, the API and Video generation after a surge of traffic, and are investigating.' });
  // Fresh update objects each round: the renderers cache per update, and a cached render is not what a fan-out pays.
  const updates = Array.from({ length: 3000 }, (_, index) => aFollowUp(opening, config, { status: 'resolved', message: `All systems are back to normal (${index}). We are sorry for the disruption.` }));
  for (const update of updates.slice(0, 300)) renderUpdate(update, config);
  const renderTimes: number[] = [];
  const baselineTimes: number[] = [];
  let messages = 0;
  for (const update of updates.slice(300)) {
    const start = performance.now();
    messages = renderUpdate(update, config).length;
    renderTimes.push((performance.now() - start) * 1000);
    const baselineStart = performance.now();
    JSON.stringify(update);
    baselineTimes.push((performance.now() - baselineStart) * 1000);
  }
  const render = median(renderTimes);
  const baseline = median(baselineTimes);
  return {
    figure: 'Render cost',
    measured: `${round(render, 1)} µs / update (${messages} messages)`,
    baseline: `${round(baseline, 2)} µs JSON.stringify(update)`,
    ratio: round(render / baseline, 1),
    ratioMeaning: '× slower than serialising the update',
    notes: `median of ${renderTimes.length} fresh recovery updates, every channel × locale (X in en and id)`,
    raw: { renderMicrosecondsMedian: render, baselineMicrosecondsMedian: baseline, messagesPerUpdate: messages, samples: renderTimes.length },
  };
}
