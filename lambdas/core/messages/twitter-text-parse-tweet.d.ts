// twitter-text's own per-function module: importing it rather than the package's index keeps the
// link, hashtag and autolink code (and their polyfills) out of the bundles that only weigh posts.
declare module 'twitter-text/dist/parseTweet.js' {
  import type { parseTweet } from 'twitter-text';

  const parse: typeof parseTweet;
  export default parse;
}
