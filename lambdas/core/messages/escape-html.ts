const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text made safe to stand anywhere in an HTML document, as element content or inside a quoted
 * attribute value. The one escape every mail's HTML goes through: the commander's words, the
 * configuration's names and URLs, the catalog's phrases, the links, all alike, so no caller has
 * to decide what is trusted.
 *
 * @example
 * escapeHtml('Fish & "chips" <b>'); // 'Fish &amp; &quot;chips&quot; &lt;b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character] ?? character);
}
