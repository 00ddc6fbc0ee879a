import { PublishCommand } from '@aws-sdk/client-sns';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { CommanderAlerts, CommanderReminder } from '../../core/ports/commander-alerts.js';

/**
 * The commanders' topic the stack creates: an email subscription gets the reminder as plain text,
 * AWS Chatbot (Slack, Teams) as its custom-notification JSON, from the one publish.
 *
 * @example
 * await new SnsCommanderAlerts(new SNSClient({}), topicArn).remind(reminder);
 */
export class SnsCommanderAlerts implements CommanderAlerts {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async remind(reminder: CommanderReminder): Promise<void> {
    const title = `Next update overdue: ${reminder.title}`;
    const chatbot = {
      version: '1.0',
      source: 'custom',
      id: `${reminder.incidentId}-${reminder.version}`,
      content: { textType: 'client-markdown', title, description: `${reminder.text}\n${reminder.url}` },
      metadata: { additionalContext: { incidentId: reminder.incidentId, nextUpdateBy: reminder.nextUpdateBy } },
    };
    await this.sns.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        // SNS subjects take no line break and under 100 characters; the title is the commander's, so it stays in the body.
        Subject: `Incident ${reminder.incidentId}: next update overdue`.slice(0, 99),
        MessageStructure: 'json',
        Message: JSON.stringify({
          default: JSON.stringify(chatbot),
          email: `${title}\n\n${reminder.text}\n\n${reminder.url}\n\nIncident ${reminder.incidentId}, promised by ${reminder.nextUpdateBy}.`,
        }),
      }),
    );
  }
}
