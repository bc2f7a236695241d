import { hmacSha256 } from "../hmac-key";
import type { AppProxyQueryParams, QueryParams } from "./query-params";
import { readQueryParams } from "./query-params";

const SIGNATURE_PARAM = "signature";

/**
 * The message Shopify signs, as in its documented reference code: every parameter but `signature`
 * as `key=value` (repeated values joined by commas), the strings sorted, then concatenated with no
 * separator. Sorting compares UTF-8 bytes, as Ruby's String#<=> does.
 */
export function appProxySigningMessage(params: QueryParams): string {
  return appProxySigningMessages(params)[0];
}

/**
 * The documented message and, when it differs, the same pairs ordered by key instead of by
 * `key=value`. The two orders differ only when one key is a prefix of another followed by a
 * character below `=` (`page`, `page2`); Shopify's own libraries disagree there, so the verifier
 * accepts either rather than refuse a genuine request.
 */
export function appProxySigningMessages(params: QueryParams): [documented: string, byKey?: string] {
  const keys = sortBytewise([...params.keys()].filter((key) => key !== SIGNATURE_PARAM));
  const byKey = keys.map((key) => pair(key, params.get(key) ?? []));
  // With no key a prefix of another, `key=value` strings sort exactly as their keys do.
  if (!someKeyPrefixesAnother(keys)) return [byKey.join("")];
  const documented = sortBytewise([...byKey]).join("");
  const keyOrder = byKey.join("");
  return keyOrder === documented ? [documented] : [documented, keyOrder];
}

/**
 * Whether some key is a prefix of another, given the keys sorted: every key sorting between a key
 * and a longer key it prefixes starts with it too, so comparing neighbours is enough.
 */
function someKeyPrefixesAnother(sortedKeys: readonly string[]): boolean {
  for (let i = 1; i < sortedKeys.length; i++) if (sortedKeys[i]!.startsWith(sortedKeys[i - 1]!)) return true;
  return false;
}

/** Lower-case hex HMAC-SHA256 of the signing message: the value Shopify puts in `signature`. */
export function signAppProxyQuery(params: AppProxyQueryParams, secret: string): string {
  return hmacHex(appProxySigningMessage(readQueryParams({ query: params })), secret);
}

export function hmacHex(message: string, secret: string): string {
  return hmacDigest(message, secret).toString("hex");
}

/** The HMAC-SHA256 of the signing message as bytes (the verifier compares bytes, not hex). */
export function hmacDigest(message: string, secret: string): Buffer {
  // A missing secret is a deployment mistake, not bad input: fail loudly rather than refuse everything.
  if (typeof secret !== "string" || secret.length === 0) {
    throw new TypeError("the app secret is required to sign or verify app-proxy requests");
  }
  return hmacSha256(secret).update(message, "utf8").digest();
}

function pair(key: string, values: readonly string[]): string {
  return `${key}=${values.join(",")}`;
}

const NON_ASCII = /[\u0080-\uffff]/;
const isAscii = (s: string) => !NON_ASCII.test(s);

/** Sorted by UTF-8 bytes, as Ruby's String#<=> compares. */
function sortBytewise(strings: string[]): string[] {
  // For ASCII (nearly every query string) code-unit order is byte order: no buffers to allocate.
  if (strings.every(isAscii)) return strings.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return strings.sort((a, b) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")));
}
