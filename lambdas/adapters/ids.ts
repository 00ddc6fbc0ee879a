import { monotonicFactory } from 'ulid';
import type { IdSource } from '../core/ports/id-source.js';

const nextUlid = monotonicFactory();

/** Identifiers that sort by creation time (ULIDs), prefixed by what they name. */
export const ulidIds: IdSource = {
  incidentId: () => `inc_${nextUlid()}`,
  maintenanceId: () => `mnt_${nextUlid()}`,
  updateId: () => `upd_${nextUlid()}`,
  subscriberId: () => `sub_${nextUlid()}`,
  mailRequestId: () => `mrq_${nextUlid()}`,
  redriveId: () => `rdr_${nextUlid()}`,
  webhookId: () => `whk_${nextUlid()}`,
};
