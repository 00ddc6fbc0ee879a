import type { FilterPolicy } from '../channels/channel-catalog.js';

/** Where the API subscribes an address: SNS (which mails the confirmation) deployed, the local book locally. */
export interface EmailSubscriptions {
  subscribe(email: string, filterPolicy: FilterPolicy, locale: string): Promise<void>;
}
