import type { Impact, RecordStatus } from '../incident/vocabulary.js';

/** The words a chat message adds around the event's message, in the subscriber's locale. */
export interface WebhookLabels {
  status: Readonly<Record<RecordStatus, string>>;
  impact: Readonly<Record<Impact, string>>;
  /** The status-page link's label: "View status page". */
  viewStatusPage: string;
  /** What ends a text shortened to fit a chat service's field: "…". */
  ellipsis: string;
  /** The configured service name on one line, e.g. for Discord's footer. */
  serviceName: string;
}

/** A Slack incoming-webhook message (Block Kit). */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

export type SlackBlock =
  | { type: 'header'; text: SlackText<'plain_text'> }
  | { type: 'section'; text: SlackText }
  | { type: 'context'; elements: SlackText[] };

export interface SlackText<T extends 'plain_text' | 'mrkdwn' = 'plain_text' | 'mrkdwn'> {
  type: T;
  text: string;
}

/** A Microsoft Teams incoming-webhook message carrying one Adaptive Card. */
export interface TeamsMessage {
  type: 'message';
  attachments: [
    {
      contentType: 'application/vnd.microsoft.card.adaptive';
      contentUrl: null;
      content: {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
        type: 'AdaptiveCard';
        version: '1.4';
        /** The card's language, for screen readers and date formatting. */
        lang: string;
        body: { type: 'RichTextBlock'; inlines: TeamsTextRun[] }[];
        actions: { type: 'Action.OpenUrl'; title: string; url: string }[];
      };
    },
  ];
}

/** An Adaptive Card TextRun: its text is shown as typed, never as markdown. */
export interface TeamsTextRun {
  type: 'TextRun';
  text: string;
  size?: 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
  weight?: 'Lighter' | 'Default' | 'Bolder';
  isSubtle?: boolean;
}

/** A Discord webhook message (Execute Webhook): one embed, and no mention allowed to ping. */
export interface DiscordMessage {
  embeds: [DiscordEmbed];
  allowed_mentions: { parse: [] };
}

export interface DiscordEmbed {
  title: string;
  description: string;
  url: string;
  /** An RGB colour as one integer. */
  color: number;
  timestamp: string;
  footer: { text: string };
}
