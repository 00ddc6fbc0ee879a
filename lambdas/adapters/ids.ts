import { monotonicFactory } from 'ulid';

const nextUlid = monotonicFactory();

/** Identifiers that sort by creation time (ULIDs), prefixed by what they name. */
export const ids = {
  incidentId: (): string => `inc_${nextUlid()}`,
  updateId: (): string => `upd_${nextUlid()}`,
};

export type IdSource = typeof ids;

export const incidentIdPattern = /^inc_[0-9A-HJKMNP-TV-Z]{26}$/;
