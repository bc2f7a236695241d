import { insertTestCustomer } from "@loyalnest/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness, type Credential, type Tampering } from "../testing";
import { credentialFor, type CallerShop } from "../testing/caller-credentials";
import type { TenantIds } from "../testing/tenancy-case";
import { seedTenant, shopFingerprint } from "../testing/tenant-fixture";
import { allTenancyCases } from "./tenancy-cases";

/**
 * quality.md: "forged, expired, wrong-audience and replayed tokens and proxy signatures are
 * refused". Every procedure, every spoiled credential: 401, and the shop is untouched.
 */
let api: ApiHarness;
let shop: TenantIds;
let caller: CallerShop;

beforeAll(async () => {
  api = await createApiHarness("auth_sweep");
  const installed = await api.installShop();
  shop = await seedTenant(api.test.db, api.deps.keyring, installed);
  caller = { domain: shop.domain, shopifyCustomerId: shop.shopifyCustomerId };
  await insertTestCustomer(api.test.db, shop.shopId);
});
afterAll(async () => api?.close());

function spoilings(
  credential: Credential,
): { label: string; credential: Credential; tampering?: Tampering }[] {
  const base = [
    { label: "no credential", credential: { kind: "none" } as Credential },
    { label: "forged", credential, tampering: "forged" as const },
    { label: "expired", credential, tampering: "expired" as const },
  ];
  if (credential.kind === "proxy") {
    // A storefront procedure also takes an extension token; spoil that one too.
    const extension: Credential = {
      kind: "extension",
      shop: caller.domain,
      shopifyCustomerId: caller.shopifyCustomerId,
    };
    return [
      ...base,
      { label: "forged extension token", credential: extension, tampering: "forged" },
      { label: "expired extension token", credential: extension, tampering: "expired" },
      { label: "extension token for another app", credential: extension, tampering: "wrong-audience" },
      { label: "an admin token in place of a shopper's", credential: { kind: "admin", shop: caller.domain } },
    ];
  }
  return [...base, { label: "another app's token", credential, tampering: "wrong-audience" }];
}

describe("every procedure refuses a missing or spoiled credential", () => {
  it.each(allTenancyCases.map((c) => [c.path, c] as const))("%s", async (_path, testCase) => {
    const before = await shopFingerprint(api.test.db, shop.shopId);
    for (const spoiled of spoilings(credentialFor(testCase.path, caller))) {
      const result = await api.call({
        path: testCase.path,
        type: testCase.type,
        input: testCase.input(shop),
        credential: spoiled.credential,
        ...(spoiled.tampering ? { tampering: spoiled.tampering } : {}),
      });
      expect(result.status, `${spoiled.label}: ${JSON.stringify(result.body)}`).toBe(401);
    }
    expect(await shopFingerprint(api.test.db, shop.shopId)).toBe(before);
  });
});

describe("app proxy signatures", () => {
  it("refuses a genuine signature replayed with a different input (the signature covers the query)", async () => {
    const signed = await api.call({
      path: "shopper.profile",
      type: "query",
      credential: { kind: "proxy", shop: shop.domain, shopifyCustomerId: shop.shopifyCustomerId },
    });
    expect(signed.status).toBe(200);

    const { applyCredential } = await import("../testing/credentials");
    const url = new URL("http://loyalnest.test/api/proxy/trpc/shopper.profile");
    const parts = await applyCredential(
      { kind: "proxy", shop: shop.domain, shopifyCustomerId: shop.shopifyCustomerId },
      url,
      new Headers(),
      new Date(),
    );
    // Same signature, but someone swapped the logged-in customer for another one.
    parts.url.searchParams.set("logged_in_customer_id", "999999");
    const response = await api.handler(new Request(parts.url));
    expect(response.status).toBe(401);
  });
});
