/** `mnt_` and a ULID: an id that cannot match this is unknown without asking the store, and never an incident's. */
export const maintenanceIdPattern = /^mnt_[0-9A-HJKMNP-TV-Z]{26}$/;
