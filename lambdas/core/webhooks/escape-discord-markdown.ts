// Characters Discord's markdown reads anywhere: emphasis, code, spoilers, masked links `[a](url)`,
// `<@id>` mentions, `<t:…>` timestamps and `<#id>` channel links. A backslash before any of them
// shows it as typed, and Discord hides the backslash.
const inlineMarkup = /[\\*_~`|<>[\]()#]/g;
// And what it reads only at the start of a line: bullets and numbered lists (quotes and headings are above).
const bulletMarker = /^(\s*)([-+])/gm;
const numberMarker = /^(\s*\d+)\./gm;

/**
 * Text that Discord shows literally, never as formatting, a link or a mention pill.
 *
 * @example
 * escapeDiscordMarkdown('[free](https://evil.example) **now**'); // '\\[free\\]\\(https://evil.example\\) \\*\\*now\\*\\*'
 */
export function escapeDiscordMarkdown(text: string): string {
  return text.replace(inlineMarkup, '\\$&').replace(bulletMarker, '$1\\$2').replace(numberMarker, '$1\\.');
}
