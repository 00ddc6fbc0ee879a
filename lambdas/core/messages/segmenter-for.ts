const segmenters = new Map<string, Intl.Segmenter>();

/**
 * A cached `Intl.Segmenter`: building one costs far more than using it, and a render may need several.
 *
 * @example
 * [...segmenterFor('en', 'grapheme').segment('👍🏽a')].length; // 2
 */
export function segmenterFor(locale: string, granularity: 'word' | 'grapheme'): Intl.Segmenter {
  const key = `${locale}|${granularity}`;
  let segmenter = segmenters.get(key);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity });
    segmenters.set(key, segmenter);
  }
  return segmenter;
}
