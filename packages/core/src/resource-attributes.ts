// Mirrors @opentelemetry/resources' EnvDetector, so logs and spans read the same values:
// comma-separated key=value, trimmed, percent-decoded; any bad entry discards the whole variable.
const MAX_LENGTH = 255;

/**
 * Parses `OTEL_RESOURCE_ATTRIBUTES`. Returns an empty object when the variable is unset or
 * invalid (the OTel SDK ignores it entirely in that case, and so do we).
 *
 * @example
 * ```ts
 * parseResourceAttributes('service.name=checkout,deployment.environment.name=prod%20eu');
 * // { 'service.name': 'checkout', 'deployment.environment.name': 'prod eu' }
 * ```
 */
export function parseResourceAttributes(raw: string | undefined): Record<string, string> {
  const attributes: Record<string, string> = {};
  if (!raw) return attributes;
  for (const entry of raw.split(',')) {
    if (entry.trim() === '') continue;
    const pair = entry.split('=');
    if (pair.length !== 2) return {};
    const key = (pair[0] as string).trim();
    const value = (pair[1] as string).trim();
    if (key === '') return {};
    let decodedKey: string;
    let decodedValue: string;
    try {
      decodedKey = decodeURIComponent(key);
      decodedValue = decodeURIComponent(value);
    } catch {
      return {};
    }
    if (decodedKey.length > MAX_LENGTH || decodedValue.length > MAX_LENGTH) return {};
    attributes[decodedKey] = decodedValue;
  }
  return attributes;
}
