const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** Cursors no listing ever issued, by what is wrong with them. */
export const garbageCursors: Record<string, string> = {
  'not base64url JSON': '%%%',
  'an empty object': base64url('{}'),
  'an array': base64url('[]'),
  'null': base64url('null'),
  'a JSON string': base64url('"cursor"'),
};
