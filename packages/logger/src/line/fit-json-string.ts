import { truncateChars } from '../serialize/truncate.js';

/**
 * The JSON string literal of `text`, cut (by code point, never inside a surrogate pair) so the
 * literal takes at most `maxBytes` UTF-8 bytes. Measures the escaped form, so quotes, control
 * characters and multi-byte text are all counted as they will be written.
 *
 * @example
 * fitJsonString('héllo', 6); // '"hé"' (4 bytes of text + 2 quotes)
 */
export function fitJsonString(text: string, maxBytes: number): string {
  let cut = text;
  for (let round = 0; round < 20; round++) {
    const json = JSON.stringify(cut);
    const bytes = json.length * 3 <= maxBytes ? json.length : Buffer.byteLength(json);
    if (bytes <= maxBytes || cut.length === 0) return json;
    const ratio = Math.max(0, maxBytes - 2) / bytes;
    cut = truncateChars(cut, Math.min(cut.length - 1, Math.floor(cut.length * ratio)));
  }
  return '""';
}
