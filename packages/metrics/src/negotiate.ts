/**
 * Whether an `Accept` header asks for OpenMetrics (`application/openmetrics-text`) at least as
 * much as for Prometheus text. Prometheus sends
 * `application/openmetrics-text;version=1.0.0,…;q=0.75,text/plain;version=0.0.4;q=0.5,*\/*;q=0.1`;
 * curl sends `*\/*`, which gets the Prometheus text. Never throws.
 *
 * @example
 * ```ts
 * wantsOpenMetrics('application/openmetrics-text; version=1.0.0'); // true
 * wantsOpenMetrics('text/plain;q=1, application/openmetrics-text;q=0.5'); // false
 * ```
 */
export function wantsOpenMetrics(accept: string | undefined): boolean {
  if (typeof accept !== 'string' || accept.length > 1024) return false;
  let openMetrics = 0;
  let text = 0;
  for (const range of accept.split(',')) {
    const [type = '', ...params] = range.split(';');
    const mediaType = type.trim().toLowerCase();
    let q = 1;
    for (const param of params) {
      const [name, value] = param.split('=');
      if (name?.trim().toLowerCase() === 'q') {
        const parsed = Number(value?.trim());
        q = Number.isFinite(parsed) && parsed >= 0 && parsed <= 1 ? parsed : 0;
      }
    }
    if (mediaType === 'application/openmetrics-text') openMetrics = Math.max(openMetrics, q);
    else if (mediaType === 'text/plain') text = Math.max(text, q);
  }
  return openMetrics > 0 && openMetrics >= text;
}
