/**
 * Text as Slack shows it literally: `&`, `<` and `>` are Slack's control characters (`<!channel>`
 * notifies a whole channel, `<url|label>` is a link), so they become the only three entities Slack
 * decodes. Other characters stay as they are: Slack would show any other entity as typed.
 *
 * @example
 * escapeSlackText('<!channel> R&D'); // '&lt;!channel&gt; R&amp;D'
 */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
