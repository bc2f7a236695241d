import { insertTestCustomer } from "@loyalnest/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../testing";
import { credentialFor, type CallerShop } from "../testing/caller-credentials";
import { listProcedures } from "../testing/procedure-catalog";
import type { TenantIds } from "../testing/tenancy-case";
import { seedTenant, shopFingerprint, VICTIM_EMAIL } from "../testing/tenant-fixture";
import { allTenancyCases } from "./tenancy-cases";

/**
 * quality.md: "every procedure is called with shop A's credentials on shop B's ids: nothing leaks,
 * nothing changes." Shop A is a real, installed shop with its own customer; every case's input
 * names shop B's rows.
 */
let api: ApiHarness;
let attacker: CallerShop;
let victim: TenantIds;

beforeAll(async () => {
  api = await createApiHarness("tenancy_sweep", {
    deps: {
      rateLimits: {
        shopperWrite: { limit: 10_000, windowMs: 60_000 },
        posWrite: { limit: 10_000, windowMs: 60_000 },
      },
    },
  });
  const shopA = await api.installShop();
  const customerA = await insertTestCustomer(api.test.db, shopA.id);
  attacker = { domain: shopA.domain, shopifyCustomerId: String(customerA.shopifyCustomerId) };
  const shopB = await api.installShop();
  victim = await seedTenant(api.test.db, api.deps.keyring, shopB);
});
afterAll(async () => api?.close());

describe("cross-tenant sweep", () => {
  it("has a case for every procedure of the router", () => {
    const covered = new Set(allTenancyCases.map((c) => c.path));
    const missing = listProcedures()
      .map((p) => p.path)
      .filter((path) => !covered.has(path));
    expect(missing).toEqual([]);
  });

  it.each(allTenancyCases.map((c) => [c.path, c] as const))(
    "%s with shop A's credential on shop B's ids: nothing of B leaks or changes",
    async (_path, testCase) => {
      const before = await shopFingerprint(api.test.db, victim.shopId);
      const result = await api.call({
        path: testCase.path,
        type: testCase.type,
        input: testCase.input(victim),
        credential: credentialFor(testCase.path, attacker),
      });
      expect(result.status, JSON.stringify(result.body)).toBeLessThan(500);
      const body = JSON.stringify(result.body);
      for (const secret of [
        VICTIM_EMAIL,
        victim.discountCode,
        victim.referralCode,
        victim.domain,
        victim.shopId,
      ]) {
        expect(body).not.toContain(secret);
      }
      expect(await shopFingerprint(api.test.db, victim.shopId)).toBe(before);
    },
  );
});
