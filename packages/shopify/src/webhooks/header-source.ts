/**
 * Webhook headers arrive either as a Fetch `Headers` (edge runtimes, Next.js route handlers) or as
 * Node's `IncomingHttpHeaders`-style record. Both are read the same way, by case-insensitive name.
 */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

/**
 * The header's value, or undefined when absent or blank. A header sent more than once is joined
 * with ", " exactly as Fetch and Node do, so a repeated signature can never pass a format check.
 */
export function readHeader(headers: HeaderSource, name: string): string | undefined {
  const raw = isFetchHeaders(headers) ? headers.get(name) : readRecordHeader(headers, name);
  const value = raw?.trim();
  return value === undefined || value === "" ? undefined : value;
}

function isFetchHeaders(headers: HeaderSource): headers is Headers {
  return typeof Headers !== "undefined" && headers instanceof Headers;
}

function readRecordHeader(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | null {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    values.push(...(Array.isArray(value) ? value : [value]));
  }
  return values.length === 0 ? null : values.join(", ");
}
