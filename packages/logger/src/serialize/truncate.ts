/**
 * Cuts `text` to at most `maxChars` UTF-16 units without splitting a surrogate pair, so the
 * result is always valid Unicode (JSON.stringify would otherwise write a lone `\udXXX`).
 *
 * @example
 * truncateChars('a😀b', 2); // 'a' (the emoji is two units; half of it is never kept)
 */
export function truncateChars(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars <= 0) return '';
  let end = maxChars;
  const last = text.charCodeAt(end - 1);
  // A high surrogate at the cut would be left without its low half.
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/**
 * Removes trailing CR/LF: Fluent Bit trims them, and a message that ends with a newline reads
 * as two lines in most viewers.
 */
export function trimTrailingNewlines(text: string): string {
  let end = text.length;
  while (end > 0) {
    const c = text.charCodeAt(end - 1);
    if (c !== 10 && c !== 13) break;
    end -= 1;
  }
  return end === text.length ? text : text.slice(0, end);
}
