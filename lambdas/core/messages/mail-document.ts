/**
 * A mail as words, before it is written out twice: as its plain-text part (mailPlainText) and as its
 * HTML part (emailHtmlDocument). Building both from one document is what keeps them saying the same
 * thing, and keeps markup out of everything but the one HTML writer.
 */
export interface MailDocument {
  /** BCP 47 tag of the language the mail is written in: the HTML `lang`. */
  lang: string;
  /** The subject, which is also the HTML `<title>`. */
  title: string;
  paragraphs: MailParagraph[];
  /** Set apart and smaller at the foot: why the reader gets the mail, their preferences and unsubscribe links. */
  footer: MailParagraph[];
}

/** Lines kept as written: a line break in the text part, a `<br>` in the HTML. */
export type MailParagraph = MailLine[];

export type MailLine = MailInline[];

/** Plain words, or a link. */
export type MailInline = string | MailLink;

/**
 * A link. Without a label the address is its own text in both parts (the status page, whose address
 * readers should see); with one, the HTML shows the label as the link and the text part writes
 * `label: address`, since plain text has no other way to link.
 */
export interface MailLink {
  href: string;
  label?: string;
}
