/**
 * The most code points an email subject holds (docs/api.md, API.md). SES takes a UTF-8 subject of
 * any length, but mail clients show about the first 40 to 80 characters and some servers fold or
 * refuse long header lines; 150 leaves every built-in subject whole with a long incident title.
 *
 * @example
 * countCodePoints(renderEmail(context).subject) <= emailSubjectLimit; // true
 */
export const emailSubjectLimit = 150;
