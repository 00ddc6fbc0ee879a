import { channelCatalog, channelTakes } from '../channels/channel-catalog.js';
import type { Config } from '../config/config-schema.js';
import type { TimelineUpdate } from '../incident/model.js';
import type { Channel, DeliveryState } from '../incident/vocabulary.js';

export interface PlannedDelivery {
  channel: Channel;
  locale: string;
  state: Extract<DeliveryState, 'pending' | 'skipped'>;
  detail?: string;
}

/**
 * The ledger rows an update needs: each channel it names, in each locale that channel sends in.
 * A channel switched off in configuration still gets rows, `skipped`, so the ledger says why.
 * The count depends on channels and locales only, never on the number of subscribers.
 */
export function planDeliveries(update: TimelineUpdate, config: Config): PlannedDelivery[] {
  if (!update.notify) return [];
  return update.channels.flatMap((name) => {
    const channel = channelCatalog[name];
    const skipReason = !channel.enabled(config)
      ? `the ${name} channel is switched off in incident-comms.config.json`
      : !channelTakes(channel, update)
        ? `the ${name} channel does not take ${update.kind} messages of ${update.impact} impact`
        : undefined;
    return channel.locales(config).map((locale): PlannedDelivery =>
      skipReason ? { channel: name, locale, state: 'skipped', detail: skipReason } : { channel: name, locale, state: 'pending' },
    );
  });
}
