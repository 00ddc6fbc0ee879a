// @ts-check

/**
 * True when the X post does not carry the commander's words whole: the server cut them at a word,
 * with an ellipsis, to fit 280. Compared with white space folded, as the server folds it.
 * @param {string} post the preview's X `text` @param {string} words what the commander typed
 * @example
 * wordsShortened('Update: We are adding… More: https://status.example', 'We are adding capacity now.') // true
 */
export function wordsShortened(post, words) {
  const fold = (/** @type {string} */ text) => text.normalize('NFC').replace(/\s+/g, ' ').trim();
  const typed = fold(words);
  return typed !== '' && !fold(post).includes(typed);
}
