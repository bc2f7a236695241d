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
  return sortBytewise(pairs(params)).join("");
}

/**
 * The same pairs ordered by key instead of by `key=value`. The two orders differ only when one key
 * is a prefix of another followed by a character below `=` (`page`, `page2`); Shopify's own
 * libraries disagree there, so the verifier accepts either rather than refuse a genuine request.
 */
export function appProxySigningMessageByKey(params: QueryParams): string {
  const keys = sortBytewise([...params.keys()].filter((key) => key !== SIGNATURE_PARAM));
  return keys.map((key) => pair(key, params.get(key) ?? [])).join("");
}

/** Whether the two orders above can differ: some key is a prefix of another. */
export function signingOrdersMayDiffer(params: QueryParams): boolean {
  const keys = [...params.keys()];
  return keys.some((key) => keys.some((other) => other !== key && other.startsWith(key)));
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

function pairs(params: QueryParams): string[] {
  const out: string[] = [];
  for (const [key, values] of params) if (key !== SIGNATURE_PARAM) out.push(pair(key, values));
  return out;
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
