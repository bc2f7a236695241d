import { randomBytes } from "node:crypto";
import { createKeyring, type PiiKeyring } from "../crypto/pii-cipher";

/** A throw-away keyring for tests (never the development or production keys). */
export function createTestKeyring(keyIds: string[] = ["test1"]): PiiKeyring {
  const keys = Object.fromEntries(keyIds.map((id) => [id, randomBytes(32)]));
  return createKeyring(keyIds[0]!, keys, randomBytes(32));
}
