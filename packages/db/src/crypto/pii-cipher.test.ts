import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers } from "../schema";
import { createTestDatabase, insertTestShop, type TestDatabase } from "../testing";
import { parseKeyring } from "./keyring-from-env";
import {
  ciphertextKeyId,
  createKeyring,
  decryptPii,
  emailBlindIndex,
  encryptPii,
  PiiDecryptionError,
} from "./pii-cipher";

const key = () => randomBytes(32);
const blindKey = randomBytes(32);

describe("PII encryption (AES-256-GCM with a key id)", () => {
  const keyring = createKeyring("k1", { k1: key() }, blindKey);

  it("round-trips text, including non-ASCII names", () => {
    for (const value of ["ada@example.com", "Zoë Ørsted-Łukasz", "עברית", ""]) {
      expect(
        decryptPii(keyring, encryptPii(keyring, value, "customers.first_name"), "customers.first_name"),
      ).toBe(value);
    }
  });

  it("never writes the plaintext and uses a fresh IV every time", () => {
    const a = encryptPii(keyring, "ada@example.com");
    const b = encryptPii(keyring, "ada@example.com");
    expect(a).not.toContain("ada");
    expect(a).not.toBe(b);
    expect(ciphertextKeyId(a)).toBe("k1");
  });

  it("refuses a tampered ciphertext or one moved to another column", () => {
    const token = encryptPii(keyring, "ada@example.com", "customers.email");
    const parts = token.split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString("base64url");
    expect(() => decryptPii(keyring, parts.join("."), "customers.email")).toThrow(PiiDecryptionError);
    expect(() => decryptPii(keyring, token, "customers.phone")).toThrow(PiiDecryptionError);
  });

  it("rejects keys of the wrong size and an unknown current key", () => {
    expect(() => createKeyring("k1", { k1: randomBytes(16) }, blindKey)).toThrow(/32 bytes/);
    expect(() => createKeyring("k2", { k1: key() }, blindKey)).toThrow(/not in the keyring/);
  });

  it("gives one blind index per e-mail whatever its case or spacing, and none shared across keys", () => {
    const other = createKeyring("k1", { k1: key() }, randomBytes(32));
    expect(emailBlindIndex(keyring, " Ada@Example.com ")).toBe(emailBlindIndex(keyring, "ada@example.com"));
    expect(emailBlindIndex(other, "ada@example.com")).not.toBe(emailBlindIndex(keyring, "ada@example.com"));
  });

  it("parses LOYALNEST_PII_KEYS with the current key first", () => {
    const k1 = key().toString("base64");
    const k2 = key().toString("base64");
    const parsed = parseKeyring(`k2:${k2},k1:${k1}`, blindKey.toString("base64"));
    expect(parsed.currentKeyId).toBe("k2");
    expect([...parsed.keys.keys()]).toEqual(["k2", "k1"]);
  });
});

describe("key rotation with stored rows", () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase("pii_rotation");
  });
  afterAll(() => test.drop());

  it("decrypts rows written under an older key id after the current key changes", async () => {
    const k1 = key();
    const before = createKeyring("k1", { k1 }, blindKey);
    const shop = await insertTestShop(test.db);
    const [old] = await test.db
      .insert(customers)
      .values({
        shopId: shop.id,
        shopifyCustomerId: 1,
        emailEnc: encryptPii(before, "old@example.com", "email"),
      })
      .returning();

    const after = createKeyring("k2", { k2: key(), k1 }, blindKey);
    const [fresh] = await test.db
      .insert(customers)
      .values({
        shopId: shop.id,
        shopifyCustomerId: 2,
        emailEnc: encryptPii(after, "new@example.com", "email"),
      })
      .returning();

    const [oldRow] = await test.db.select().from(customers).where(eq(customers.id, old!.id));
    const [freshRow] = await test.db.select().from(customers).where(eq(customers.id, fresh!.id));
    expect(ciphertextKeyId(oldRow!.emailEnc!)).toBe("k1");
    expect(ciphertextKeyId(freshRow!.emailEnc!)).toBe("k2");
    expect(decryptPii(after, oldRow!.emailEnc!, "email")).toBe("old@example.com");
    expect(decryptPii(after, freshRow!.emailEnc!, "email")).toBe("new@example.com");
    // a keyring that has dropped k1 can no longer read the old row
    expect(() =>
      decryptPii(createKeyring("k2", { k2: key() }, blindKey), oldRow!.emailEnc!, "email"),
    ).toThrow(/"k1" is not configured/);
  });
});
