/**
 * The path of a request target: query string and fragment cut, one trailing `/` dropped (the
 * same tolerance as core's `isHealthPath`). Non-strings give `''`.
 */
export function barePath(url: unknown): string {
  if (typeof url !== 'string') return '';
  let end = url.length;
  const query = url.indexOf('?');
  if (query !== -1) end = query;
  const hash = url.indexOf('#');
  if (hash !== -1 && hash < end) end = hash;
  if (end > 1 && url.charCodeAt(end - 1) === 47) end--;
  return end === url.length ? url : url.slice(0, end);
}
