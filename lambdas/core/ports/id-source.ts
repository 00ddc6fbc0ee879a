/** New identifiers that sort by creation time, prefixed by what they name (`inc_…`, `upd_…`). */
export interface IdSource {
  incidentId(): string;
  maintenanceId(): string;
  updateId(): string;
  subscriberId(): string;
  mailRequestId(): string;
  redriveId(): string;
  webhookId(): string;
}
