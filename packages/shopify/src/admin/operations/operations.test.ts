import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchangeSessionToken } from "../../auth/token-endpoint";
import { AdminGraphqlClient } from "../graphql-client";
import { seedCustomers, seedOrder } from "../stand-in-seed.test-support";
import { adminSessionToken, type StandIn, startStandIn, TEST_CREDENTIALS } from "../stand-in.test-support";
import { createAppSubscription } from "./create-app-subscription";
import { createBasicDiscountCode } from "./create-basic-discount-code";
import { createFreeShippingCode } from "./create-free-shipping-code";
import { creditStoreCredit } from "./credit-store-credit";
import { deleteDiscountCode } from "./delete-discount-code";
import { getShopInfo } from "./get-shop-info";
import { listCustomersPage } from "./list-customers-page";
import { listOrdersPage } from "./list-orders-page";
import { sendFlowTrigger } from "./send-flow-trigger";
import { setCustomerLoyaltyMetafields } from "./set-customer-loyalty-metafields";
import { numericId } from "./shared-schemas";

const SHOP = "operations-test.myshopify.com";
let standIn: StandIn;
let admin: AdminGraphqlClient;
let customerId: number;

beforeAll(async () => {
  const started = await startStandIn();
  standIn = started.standIn;
  standIn.state.createShop({ domain: SHOP, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
  [customerId] = seedCustomers(standIn, SHOP, 3) as [number];
  const { accessToken } = await exchangeSessionToken(SHOP, await adminSessionToken(standIn, SHOP), {
    credentials: TEST_CREDENTIALS,
    baseUrl: started.baseUrl,
  });
  admin = new AdminGraphqlClient({ getAccessToken: async () => accessToken, baseUrl: started.baseUrl });
});
afterAll(() => standIn?.close());

const startsAt = new Date("2026-06-01T00:00:00Z");
const endsAt = new Date("2026-07-01T00:00:00Z");
const discounts = () => standIn.state.requireShop(SHOP).discounts;

describe("typed Admin operations against the stand-in", () => {
  it("reads the shop", async () => {
    expect(await getShopInfo(admin, SHOP)).toMatchObject({
      myshopifyDomain: SHOP,
      currencyCode: "EUR",
      ianaTimezone: "Europe/Berlin",
    });
  });

  it("creates a single-use fixed-amount code for one customer, then deletes it", async () => {
    const created = await createBasicDiscountCode(admin, SHOP, {
      title: "LoyalNest €5 reward",
      code: "LN-FIXED-0001",
      customerIds: [customerId],
      startsAt,
      endsAt,
      combinesWith: { shippingDiscounts: true },
      minimumSubtotal: "20.00",
      value: { kind: "fixed_amount", amount: 5 },
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.value.code).toBe("LN-FIXED-0001");
    expect(discounts().get(numericId(created.value.id))).toMatchObject({
      kind: "basic",
      usageLimit: 1,
      customerIds: [customerId],
      endsAt: endsAt.toISOString(),
      combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: true },
      value: { amountCents: 500 },
    });

    const deleted = await deleteDiscountCode(admin, SHOP, created.value.id);
    expect(deleted).toEqual({ ok: true, value: { deletedId: created.value.id } });
    expect(discounts().has(numericId(created.value.id))).toBe(false);
  });

  it("creates a percentage code", async () => {
    const created = await createBasicDiscountCode(admin, SHOP, {
      title: "10% reward",
      code: "LN-PCT-0001",
      customerIds: [`gid://shopify/Customer/${customerId}`],
      startsAt,
      endsAt: null,
      value: { kind: "percentage", percentage: 0.1 },
    });
    expect(created.ok && discounts().get(numericId(created.value.id))?.value).toEqual({ percentage: 0.1 });
  });

  it("answers refused input with typed userErrors, not exceptions", async () => {
    const input = {
      title: "dup",
      code: "LN-DUP-0001",
      customerIds: [customerId],
      startsAt,
      endsAt,
      value: { kind: "fixed_amount" as const, amount: "1.00" },
    };
    expect((await createBasicDiscountCode(admin, SHOP, input)).ok).toBe(true);
    const again = await createBasicDiscountCode(admin, SHOP, input);
    expect(again.ok).toBe(false);
    if (!again.ok)
      expect(again.userErrors[0]).toMatchObject({ code: "TAKEN", field: ["basicCodeDiscount", "code"] });

    const missing = await deleteDiscountCode(admin, SHOP, "gid://shopify/DiscountCodeNode/1");
    expect(missing.ok).toBe(false);
  });

  it("refuses more than 250 customers in a code's context before calling Shopify", async () => {
    const tooMany = Array.from({ length: 251 }, (_, i) => i + 1);
    await expect(
      createBasicDiscountCode(admin, SHOP, {
        title: "x",
        code: "LN-MANY",
        customerIds: tooMany,
        startsAt,
        endsAt,
        value: { kind: "percentage", percentage: 0.5 },
      }),
    ).rejects.toThrow();
  });

  it("creates a free-shipping code", async () => {
    const created = await createFreeShippingCode(admin, SHOP, {
      title: "Free shipping reward",
      code: "LN-SHIP-0001",
      customerIds: [customerId],
      startsAt,
      endsAt,
      combinesWith: { productDiscounts: true, orderDiscounts: true },
    });
    expect(created.ok).toBe(true);
    if (created.ok) expect(discounts().get(numericId(created.value.id))?.kind).toBe("free_shipping");
  });

  it("credits store credit", async () => {
    const credited = await creditStoreCredit(admin, SHOP, {
      customerId,
      amount: "7.50",
      currencyCode: "EUR",
    });
    expect(credited).toMatchObject({
      ok: true,
      value: { amount: { amount: "7.50", currencyCode: "EUR" }, balance: { amount: "7.50" } },
    });
    const refused = await creditStoreCredit(admin, SHOP, {
      customerId: 42,
      amount: "1.00",
      currencyCode: "EUR",
    });
    expect(refused.ok).toBe(false);
  });

  it("mirrors balance, tier and next reward into app-owned metafields", async () => {
    const set = await setCustomerLoyaltyMetafields(admin, SHOP, {
      customerId,
      balance: 1250,
      tier: "Gold",
      nextReward: { name: "€10 off", pointsCost: 2000, pointsNeeded: 750 },
    });
    expect(set.ok).toBe(true);
    if (!set.ok) return;
    expect(set.value.map((m) => [m.key, m.value])).toEqual([
      ["balance", "1250"],
      ["tier", "Gold"],
      ["next_reward", JSON.stringify({ name: "€10 off", pointsCost: 2000, pointsNeeded: 750 })],
    ]);
    expect(set.value.every((m) => m.namespace.startsWith("app--") && m.namespace.endsWith("--loyalty"))).toBe(
      true,
    );
  });

  it("sends a Flow trigger", async () => {
    const sent = await sendFlowTrigger(admin, SHOP, "loyalnest-tier-changed", {
      customer_id: customerId,
      tier: "Gold",
    });
    expect(sent.ok).toBe(true);
    expect(standIn.state.requireShop(SHOP).flowTriggers.at(-1)?.handle).toBe("loyalnest-tier-changed");
  });

  it("creates a pending app subscription with a confirmation URL", async () => {
    const created = await createAppSubscription(admin, SHOP, {
      name: "LoyalNest Growth",
      price: "29.00",
      currencyCode: "USD",
      returnUrl: "https://app.loyalnest.test/billing/return",
      test: true,
    });
    expect(created).toMatchObject({ ok: true, value: { status: "PENDING" } });
    if (created.ok) expect(created.value.confirmationUrl).toContain("/admin/charges/");
  });

  it("pages through customers and orders", async () => {
    const first = await listCustomersPage(admin, SHOP, { first: 2 });
    expect(first.nodes).toHaveLength(2);
    expect(first.hasNextPage).toBe(true);
    const rest = await listCustomersPage(admin, SHOP, { first: 2, after: first.endCursor });
    expect(rest.nodes.map((c) => c.id)).not.toContain(first.nodes[0]!.id);

    const since = new Date(Date.now() - 60_000);
    const orderId = seedOrder(standIn, SHOP, customerId, "42.00");
    const orders = await listOrdersPage(admin, SHOP, { updatedSince: since });
    expect(orders.nodes).toHaveLength(1);
    expect(orders.nodes[0]).toMatchObject({
      id: `gid://shopify/Order/${orderId}`,
      customerId: `gid://shopify/Customer/${customerId}`,
      currentTotal: { amount: "42.00", currencyCode: "EUR" },
    });
    const later = await listOrdersPage(admin, SHOP, { updatedSince: new Date(Date.now() + 60_000) });
    expect(later.nodes).toEqual([]);
  });
});
