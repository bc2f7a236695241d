import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

/**
 * Application-level encryption of personal data: AES-256-GCM, one random 96-bit IV per value,
 * and the key id written into every ciphertext so keys can rotate: new writes use the current
 * key, old rows still decrypt with the key they name. Look-ups go through a keyed hash (blind
 * index) of the normalised value, never through the plaintext.
 *
 * Ciphertext format: `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts).
 */
export interface PiiKeyring {
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
  blindIndexKey: Buffer;
}

export class PiiDecryptionError extends Error {
  override name = "PiiDecryptionError";
}

const FORMAT = "v1";
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export function createKeyring(
  current: string,
  keys: Record<string, Buffer>,
  blindIndexKey: Buffer,
): PiiKeyring {
  for (const [id, key] of Object.entries(keys)) {
    if (!KEY_ID.test(id)) throw new Error(`PII key id "${id}" must be 1-32 letters, digits, _ or -`);
    if (key.length !== 32) throw new Error(`PII key "${id}" must be 32 bytes (AES-256), got ${key.length}`);
  }
  if (!keys[current]) throw new Error(`the current PII key "${current}" is not in the keyring`);
  if (blindIndexKey.length < 32) throw new Error("the blind-index key must be at least 32 bytes");
  return { currentKeyId: current, keys: new Map(Object.entries(keys)), blindIndexKey };
}

/** Encrypts `plaintext`; `context` (e.g. "customers.email") is authenticated, so a value cannot be moved between columns. */
export function encryptPii(keyring: PiiKeyring, plaintext: string, context = ""): string {
  const key = keyring.keys.get(keyring.currentKeyId)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [FORMAT, keyring.currentKeyId, iv, body, cipher.getAuthTag()]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export function decryptPii(keyring: PiiKeyring, token: string, context = ""): string {
  const [format, keyId, iv, body, tag] = token.split(".");
  if (format !== FORMAT || !keyId || iv === undefined || body === undefined || tag === undefined) {
    throw new PiiDecryptionError("not a LoyalNest PII ciphertext");
  }
  const key = keyring.keys.get(keyId);
  if (!key) throw new PiiDecryptionError(`PII key "${keyId}" is not configured`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new PiiDecryptionError("PII ciphertext failed authentication");
  }
}

/** Null-tolerant helpers for optional columns. */
export const encryptOptional = (k: PiiKeyring, v: string | null | undefined, context = "") =>
  v === null || v === undefined || v === "" ? null : encryptPii(k, v, context);
export const decryptOptional = (k: PiiKeyring, v: string | null | undefined, context = "") =>
  v === null || v === undefined ? null : decryptPii(k, v, context);

/** The key id a ciphertext was written under (for re-encryption sweeps after a rotation). */
export const ciphertextKeyId = (token: string) => token.split(".")[1] ?? null;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * Keyed hash for exact look-ups (e-mail, address, IP, user agent). `purpose` separates domains so
 * one value hashed for two purposes gives unrelated results.
 */
export function blindIndex(keyring: PiiKeyring, purpose: string, value: string): string {
  return createHmac("sha256", keyring.blindIndexKey).update(`${purpose}\u0000${value}`).digest("hex");
}

export const emailBlindIndex = (keyring: PiiKeyring, email: string) =>
  blindIndex(keyring, "email", normalizeEmail(email));
