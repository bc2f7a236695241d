import fc from "fast-check";
import { insertTestCustomer } from "@loyalnest/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../testing";
import { credentialFor, type CallerShop } from "../testing/caller-credentials";
import type { TenantIds } from "../testing/tenancy-case";
import { seedTenant, shopFingerprint } from "../testing/tenant-fixture";
import { allTenancyCases } from "./tenancy-cases";

/**
 * quality.md: "every tRPC procedure … is fed malformed, oversized and hostile inputs (property-based
 * and fuzz tests): the answer is a 4xx with a clear message, never a 500, and nothing changes in the
 * database." Inputs are the procedure's own valid input with one field spoiled, or arbitrary JSON.
 */
let api: ApiHarness;
let shop: TenantIds;
let caller: CallerShop;

beforeAll(async () => {
  api = await createApiHarness("fuzz_sweep", {
    deps: {
      rateLimits: {
        shopperRead: { limit: 100_000, windowMs: 60_000 },
        shopperWrite: { limit: 100_000, windowMs: 60_000 },
        posWrite: { limit: 100_000, windowMs: 60_000 },
      },
    },
  });
  const installed = await api.installShop();
  shop = await seedTenant(api.test.db, api.deps.keyring, installed);
  caller = { domain: shop.domain, shopifyCustomerId: shop.shopifyCustomerId };
  await insertTestCustomer(api.test.db, shop.shopId);
});
afterAll(async () => api?.close());

const HUGE = "x".repeat(70_000);

/** Values no field of ours accepts (or accepts only at a bound). */
const hostileValue = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    -1,
    0,
    1.5,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    2 ** 31,
    1e308,
    "",
    " ",
    HUGE,
    "'; drop table customers; --",
    "\u0000",
    "<script>alert(1)</script>",
    "9".repeat(40),
    "2026-13-45T99:99:99Z",
    [],
    Array.from({ length: 5_000 }, (_, i) => i),
    {},
    { __proto__: { polluted: true } },
    true,
  ),
  fc.string({ maxLength: 50 }),
  fc.integer(),
  fc.double(),
);

/** The valid input with one field (possibly nested) replaced by a hostile value, or arbitrary JSON. */
function hostileInputs(valid: unknown): fc.Arbitrary<unknown> {
  const keys = valid && typeof valid === "object" && !Array.isArray(valid) ? Object.keys(valid) : [];
  const spoiledField =
    keys.length === 0
      ? fc.constant<unknown>({ unexpected: HUGE })
      : fc
          .tuple(fc.constantFrom(...keys), hostileValue)
          .map(([key, value]) => ({ ...(valid as Record<string, unknown>), [key]: value }));
  return fc.oneof(spoiledField, spoiledField, fc.jsonValue({ maxDepth: 3 }), hostileValue);
}

function isClientError(status: number) {
  return status >= 400 && status < 500;
}

describe("hostile input gets a 4xx with a message, never a 500, and changes nothing", () => {
  it.each(allTenancyCases.map((c) => [c.path, c] as const))("%s", async (_path, testCase) => {
    const valid = testCase.input(shop);
    const credential = credentialFor(testCase.path, caller);
    await fc.assert(
      fc.asyncProperty(hostileInputs(valid), async (input) => {
        const before = testCase.type === "mutation" ? await shopFingerprint(api.test.db, shop.shopId) : null;
        const result = await api.call({ path: testCase.path, type: testCase.type, input, credential });
        expect(result.status, JSON.stringify(result.body).slice(0, 500)).toBeLessThan(500);
        if (isClientError(result.status)) {
          const message = (result.body as { error?: { message?: unknown } }).error?.message;
          expect(typeof message === "string" && message.length > 0).toBe(true);
          if (before !== null) expect(await shopFingerprint(api.test.db, shop.shopId)).toBe(before);
        }
      }),
      { numRuns: 20 },
    );
  });
});
