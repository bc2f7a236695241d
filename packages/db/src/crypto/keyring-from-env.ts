import { randomBytes } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { localDataDir } from "../paths";
import { createKeyring, type PiiKeyring } from "./pii-cipher";

/**
 * Loads the PII keyring.
 * - `LOYALNEST_PII_KEYS`: comma-separated `keyId:base64key` pairs, the current key first;
 *   older keys stay listed so rows written under them still decrypt.
 * - `LOYALNEST_BLIND_INDEX_KEY`: base64, at least 32 bytes. (It cannot rotate without re-hashing.)
 * Outside production, when they are unset, a development keyring is generated once into
 * `.data/dev-keys.json` (git-ignored) and reused.
 */
export function loadPiiKeyring(env: NodeJS.ProcessEnv = process.env): PiiKeyring {
  if (env.LOYALNEST_PII_KEYS && env.LOYALNEST_BLIND_INDEX_KEY) {
    return parseKeyring(env.LOYALNEST_PII_KEYS, env.LOYALNEST_BLIND_INDEX_KEY);
  }
  if (env.NODE_ENV === "production") {
    throw new Error("LOYALNEST_PII_KEYS and LOYALNEST_BLIND_INDEX_KEY must be set in production");
  }
  return developmentKeyring(join(localDataDir(), "dev-keys.json"));
}

export function parseKeyring(keys: string, blindIndexKey: string): PiiKeyring {
  const pairs = keys.split(",").map((entry) => {
    const [id, key] = entry.trim().split(":");
    if (!id || !key) throw new Error("LOYALNEST_PII_KEYS must look like 'k2:<base64>,k1:<base64>'");
    return [id, Buffer.from(key, "base64")] as const;
  });
  return createKeyring(pairs[0]![0], Object.fromEntries(pairs), Buffer.from(blindIndexKey, "base64"));
}

function developmentKeyring(file: string): PiiKeyring {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const generated = {
      piiKeys: `dev1:${randomBytes(32).toString("base64")}`,
      blindIndexKey: randomBytes(32).toString("base64"),
    };
    // Written aside, then linked into place: atomic, and if another process (admin and worker
    // start together) got there first, its keys win and ours are dropped.
    const draft = `${file}.${process.pid}.tmp`;
    writeFileSync(draft, JSON.stringify(generated, null, 2), { mode: 0o600 });
    try {
      linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      unlinkSync(draft);
    }
  }
  const saved = JSON.parse(readFileSync(file, "utf8")) as { piiKeys: string; blindIndexKey: string };
  return parseKeyring(saved.piiKeys, saved.blindIndexKey);
}
