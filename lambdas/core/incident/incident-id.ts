/** `inc_` and a ULID: an id that cannot match this is unknown without asking the store. */
export const incidentIdPattern = /^inc_[0-9A-HJKMNP-TV-Z]{26}$/;
