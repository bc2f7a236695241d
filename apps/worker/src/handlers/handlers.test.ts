import { decryptPii, findBalanceMismatches, schema } from "@loyalnest/db";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  control,
  customerByShopifyId,
  deliveriesOf,
  waitForDrain,
  usePipelineWithStandIn,
} from "../test-support/pipeline";

/**
 * Each topic's handler on the stand-in's own payloads, end to end: stand-in → signed HTTP →
 * LoyalNest's edge → pg-boss → worker → Postgres.
 */
const SHOP = "handlers.myshopify.com";
const stack = usePipelineWithStandIn("worker_handlers", SHOP);

const settle = () => stack.settle();

interface StandInOrder {
  id: number;
  line_items: { id: number }[];
}

const newCustomer = async (email: string, extra: object = {}) =>
  (
    await control<{ customer: { id: number } }>(stack.standIn, "/_dev/customers", {
      shop: SHOP,
      email,
      firstName: "Ada",
      ...extra,
    })
  ).customer;
const newOrder = async (body: object) =>
  (await control<{ order: StandInOrder }>(stack.standIn, "/_dev/orders", { shop: SHOP, ...body })).order;

/** The body of the last delivery the stand-in made for a topic, to derive the topics it does not emit. */
function lastBody(topic: string): Record<string, unknown> {
  const delivery = stack.standIn.dispatcher.deliveries.filter((d) => d.topic === topic).at(-1);
  if (!delivery) throw new Error(`no ${topic} delivery yet`);
  return JSON.parse(delivery.body) as Record<string, unknown>;
}

async function ledgerKeys(customerId: number) {
  const rows = await stack.pipeline.test.db
    .select({ key: schema.pointsLedger.idempotencyKey, amount: schema.pointsLedger.amount })
    .from(schema.pointsLedger)
    .where(
      and(
        eq(schema.pointsLedger.shopId, stack.pipeline.shopId),
        eq(schema.pointsLedger.customerId, customerId),
      ),
    );
  return Object.fromEntries(rows.map((r) => [r.key, r.amount]));
}

describe("customer topics", () => {
  it("customers/create stores the customer with encrypted PII and credits the signup points once", async () => {
    const created = await newCustomer("ada@example.com", { lastName: "Lovelace", tags: ["vip"] });
    await settle();
    const row = await customerByShopifyId(stack.pipeline, created.id);
    expect(row?.customer.emailEnc).not.toContain("ada@example.com");
    expect(decryptPii(stack.pipeline.keyring, row!.customer.emailEnc!, "customers.email")).toBe(
      "ada@example.com",
    );
    expect(decryptPii(stack.pipeline.keyring, row!.customer.lastNameEnc!, "customers.last_name")).toBe(
      "Lovelace",
    );
    expect(row?.customer.tags).toEqual(["vip"]);
    expect(row?.customer.membershipStatus).toBe("member");
    expect(row?.balance?.available).toBe(200);
    expect(await ledgerKeys(row!.customer.id)).toEqual({ [`signup:${row!.customer.id}`]: 200 });
  });

  it("customers/update refreshes PII and tags and credits the newsletter points when consent becomes subscribed", async () => {
    const created = await newCustomer("grace@example.com");
    await settle();
    const body = lastBody("customers/create");
    const now = new Date().toISOString();
    const update = {
      ...body,
      first_name: "Grace",
      tags: "vip, newsletter",
      updated_at: now,
      email_marketing_consent: {
        state: "subscribed",
        opt_in_level: "single_opt_in",
        consent_updated_at: now,
      },
    };
    stack.standIn.dispatcher.emit(SHOP, "customers/update", update, { duplicate: 1 });
    await settle();
    // A late, older copy changes nothing (ordered by updated_at).
    stack.standIn.dispatcher.emit(SHOP, "customers/update", { ...body, first_name: "Stale" });
    await settle();
    const row = await customerByShopifyId(stack.pipeline, created.id);
    expect(decryptPii(stack.pipeline.keyring, row!.customer.firstNameEnc!, "customers.first_name")).toBe(
      "Grace",
    );
    expect(row?.customer.tags).toEqual(["vip", "newsletter"]);
    expect(row?.customer.marketingConsent).toBe("subscribed");
    expect(row?.balance?.available).toBe(200 + 100);
    const stale = (await deliveriesOf(stack.pipeline, "customers/update")).at(-1);
    expect(stale?.status).toBe("ignored");
  });

  it("§12: with a holdout share, a held-out customer is recorded as excluded and earns nothing", async () => {
    const settings = schema.shopSettings;
    const setHoldout = (bp: number) =>
      stack.pipeline.test.db
        .update(settings)
        .set({ holdoutBp: bp })
        .where(eq(settings.shopId, stack.pipeline.shopId));
    // The largest share the product allows (50%): draw customers until one lands in the holdout.
    await setHoldout(5_000);
    try {
      const created = [];
      for (let i = 0; i < 8; i++) created.push(await newCustomer(`holdout-${i}@example.com`));
      await settle();
      const rows = await Promise.all(created.map((c) => customerByShopifyId(stack.pipeline, c.id)));
      const heldOut = rows.filter((r) => r?.customer.holdout);
      const inProgramme = rows.filter((r) => !r?.customer.holdout);
      expect(heldOut.length).toBeGreaterThan(0);
      expect(inProgramme.length).toBeGreaterThan(0);
      for (const row of heldOut) {
        expect(row?.customer.membershipStatus).toBe("excluded");
        expect(row?.balance?.available).toBe(0);
      }
      for (const row of inProgramme) expect(row?.balance?.available).toBe(200);
    } finally {
      await setHoldout(0);
    }
  });

  it("customers/delete marks the customer deleted in Shopify and keeps their points", async () => {
    const created = await newCustomer("gone@example.com");
    await settle();
    stack.standIn.dispatcher.emit(SHOP, "customers/delete", { id: created.id, phone: null, addresses: [] });
    await settle();
    const row = await customerByShopifyId(stack.pipeline, created.id);
    expect(row?.customer.deletedInShopifyAt).toBeInstanceOf(Date);
    expect(row?.balance?.available).toBe(200);
  });
});

describe("order topics", () => {
  it("orders/paid earns on the shop-currency subtotal after discounts; a guest order keeps only the e-mail hash", async () => {
    const customer = await newCustomer("buyer@example.com");
    await newOrder({
      customerId: customer.id,
      lineItems: [{ title: "Nest mug", price: "24.00", quantity: 2 }],
      discountCodes: [{ code: "TENOFF", amount: "10.00" }],
      shipping: "5.00",
    });
    await newOrder({ email: "guest@example.com", lineItems: [{ price: "12.50" }] });
    await settle();
    const row = await customerByShopifyId(stack.pipeline, customer.id);
    // (48.00 − 10.00) × 10 points per unit, shipping excluded.
    expect(row?.balance?.available).toBe(200 + 380);
    const summaries = await stack.pipeline.test.db
      .select()
      .from(schema.orderSummaries)
      .where(eq(schema.orderSummaries.shopId, stack.pipeline.shopId));
    // §11: scored at once, not only by the nightly pass — one recent order is a "New" customer.
    expect(row?.customer).toMatchObject({ rfmSegment: "new", rfmRecencyScore: 5, rfmFrequencyScore: 1 });
    const guest = summaries.find((s) => s.customerId === null);
    expect(guest?.guestEmailHash).toMatch(/^[0-9a-f]{64}$/);
    expect(guest?.earningBasisMinor).toBe(1250);
    const paid = summaries.find((s) => s.customerId === row?.customer.id);
    expect(paid).toMatchObject({
      discountCodes: ["TENOFF"],
      shippingMinor: 500,
      earningBasisMinor: 3800,
      channel: "online",
    });
  });

  it("a guest order is credited when an account with the same verified e-mail appears", async () => {
    await newOrder({ email: "later@example.com", lineItems: [{ price: "30.00" }] });
    await settle();
    const customer = await newCustomer("later@example.com");
    await settle();
    const row = await customerByShopifyId(stack.pipeline, customer.id);
    expect(row?.balance?.available).toBe(200 + 300);
  });

  it("refunds/create claws back the refunded lines' share; orders/cancelled reverses the rest", async () => {
    const customer = await newCustomer("refunds@example.com");
    const order = await newOrder({
      customerId: customer.id,
      lineItems: [
        { price: "20.00", quantity: 2 },
        { price: "10.00", quantity: 1 },
      ],
    });
    await settle();
    await control(stack.standIn, `/_dev/orders/${order.id}/refunds`, {
      lines: [{ lineItemId: order.line_items[0]!.id, quantity: 1 }],
    });
    await settle();
    let row = await customerByShopifyId(stack.pipeline, customer.id);
    expect(row?.balance?.available).toBe(200 + 500 - 200);
    await control(stack.standIn, `/_dev/orders/${order.id}/cancel`, {});
    await settle();
    row = await customerByShopifyId(stack.pipeline, customer.id);
    expect(row?.balance?.available).toBe(200);
    // The cancelled order no longer counts: with no paid order left in the window the customer is Inactive.
    expect(row?.customer.rfmSegment).toBe("inactive");
    const keys = Object.keys(await ledgerKeys(row!.customer.id));
    expect(keys).toContain(`order:${order.id}:earn`);
    expect(keys.filter((k) => k.startsWith("refund:"))).toHaveLength(2);
  });

  it("orders/updated refreshes a known order only when newer, and earns a paid order it sees first", async () => {
    const customer = await newCustomer("updated@example.com");
    await newOrder({ customerId: customer.id, lineItems: [{ price: "15.00" }] });
    await settle();
    const body = lastBody("orders/paid");
    stack.standIn.dispatcher.emit(SHOP, "orders/updated", {
      ...body,
      financial_status: "partially_refunded",
      updated_at: new Date(Date.now() + 60_000).toISOString(),
    });
    stack.standIn.dispatcher.emit(SHOP, "orders/updated", { ...body, financial_status: "pending" });
    await settle();
    const [summary] = await stack.pipeline.test.db
      .select()
      .from(schema.orderSummaries)
      .where(
        and(
          eq(schema.orderSummaries.shopId, stack.pipeline.shopId),
          eq(schema.orderSummaries.shopifyOrderId, body.id as number),
        ),
      );
    expect(summary?.financialStatus).toBe("partially_refunded");

    // The orders/paid of this one is held (late); its orders/updated arrives first and earns.
    const late = await newOrder({ customerId: customer.id, lineItems: [{ price: "7.00" }], deliver: false });
    const lateBody = JSON.parse(stack.standIn.dispatcher.deliveries.at(-1)!.body) as Record<string, unknown>;
    const updated = stack.standIn.dispatcher.emit(SHOP, "orders/updated", lateBody, { deliver: false });
    await stack.standIn.dispatcher.release("fifo", undefined, { only: updated });
    await waitForDrain(stack.pipeline);
    const row = await customerByShopifyId(stack.pipeline, customer.id);
    expect(row?.balance?.available).toBe(200 + 150 + 70);
    await settle(); // the late orders/paid is now a no-op
    expect((await customerByShopifyId(stack.pipeline, customer.id))?.balance?.available).toBe(200 + 150 + 70);
    expect(late.id).toBe(lateBody.id);
  });
});

describe("compliance topics", () => {
  it("customers/data_request stores an encrypted export of everything held", async () => {
    const customer = await newCustomer("export@example.com");
    await settle();
    await control(stack.standIn, "/_dev/gdpr/customers-data-request", {
      shop: SHOP,
      customerId: customer.id,
    });
    await settle();
    const [request] = await stack.pipeline.test.db
      .select()
      .from(schema.gdprRequests)
      .where(
        and(
          eq(schema.gdprRequests.shopId, stack.pipeline.shopId),
          eq(schema.gdprRequests.kind, "data_request"),
        ),
      );
    expect(request?.status).toBe("completed");
    const document = JSON.parse(
      decryptPii(stack.pipeline.keyring, request!.exportEnc!, "gdpr_requests.export"),
    ) as {
      profile: { email: string };
      points: { balance: { available: number }; ledger: unknown[] };
    };
    expect(document.profile.email).toBe("export@example.com");
    expect(document.points.balance.available).toBe(200);
    expect(document.points.ledger).toHaveLength(1);
  });

  it("customers/redact leaves a tombstone that keeps the points; an unknown customer completes with nothing to do", async () => {
    const customer = await newCustomer("erase@example.com");
    await settle();
    await control(stack.standIn, "/_dev/gdpr/customers-redact", { shop: SHOP, customerId: customer.id });
    stack.standIn.dispatcher.emit(SHOP, "customers/redact", {
      shop_id: 1,
      shop_domain: SHOP,
      customer: { id: 999_999_999, email: "nobody@example.com", phone: null },
      orders_to_redact: [],
    });
    await settle();
    const row = await customerByShopifyId(stack.pipeline, customer.id);
    expect(row?.customer.isTombstone ?? true).toBe(true);
    const requests = await stack.pipeline.test.db
      .select()
      .from(schema.gdprRequests)
      .where(
        and(
          eq(schema.gdprRequests.shopId, stack.pipeline.shopId),
          eq(schema.gdprRequests.kind, "customer_redact"),
        ),
      );
    expect(requests.map((r) => r.status)).toEqual(["completed", "completed"]);
    expect(await findBalanceMismatches(stack.pipeline.test.db, stack.pipeline.shopId)).toEqual([]);
  });
});

describe("app topics", () => {
  it("app_subscriptions/update sets the plan of an active subscription", async () => {
    stack.standIn.dispatcher.emit(SHOP, "app_subscriptions/update", {
      app_subscription: {
        admin_graphql_api_id: "gid://shopify/AppSubscription/4242",
        name: "LoyalNest Growth",
        status: "ACTIVE",
        admin_graphql_api_shop_id: "gid://shopify/Shop/1",
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
        currency: "USD",
        capped_amount: null,
      },
    });
    await settle();
    const [shop] = await stack.pipeline.test.db
      .select()
      .from(schema.shops)
      .where(eq(schema.shops.id, stack.pipeline.shopId));
    expect(shop).toMatchObject({ plan: "growth", subscriptionId: "4242", subscriptionStatus: "active" });
  });

  it("app/uninstalled stops the shop's work and revokes its tokens; shop/redact then erases it", async () => {
    await stack.pipeline.test.db.insert(schema.shopifySessions).values({
      shopId: stack.pipeline.shopId,
      id: `offline_${SHOP}`,
      accessTokenEnc: "x",
    });
    await control(stack.standIn, `/_dev/shops/${SHOP}/uninstall`);
    await settle();
    const [shop] = await stack.pipeline.test.db
      .select()
      .from(schema.shops)
      .where(eq(schema.shops.id, stack.pipeline.shopId));
    expect(shop?.status).toBe("uninstalled");
    const [session] = await stack.pipeline.test.db
      .select()
      .from(schema.shopifySessions)
      .where(eq(schema.shopifySessions.shopId, stack.pipeline.shopId));
    expect(session?.revokedAt).toBeInstanceOf(Date);

    await newCustomer("after-uninstall@example.com");
    await settle();
    expect((await deliveriesOf(stack.pipeline, "customers/create")).at(-1)?.status).toBe("ignored");

    await control(stack.standIn, "/_dev/gdpr/shop-redact", { shop: SHOP });
    await stack.standIn.deliverPending();
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const rows = await stack.pipeline.test.db
        .select()
        .from(schema.shops)
        .where(eq(schema.shops.id, stack.pipeline.shopId));
      if (rows.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(
      await stack.pipeline.test.db
        .select()
        .from(schema.shops)
        .where(eq(schema.shops.id, stack.pipeline.shopId)),
    ).toEqual([]);
    expect(
      await stack.pipeline.test.db
        .select()
        .from(schema.customers)
        .where(eq(schema.customers.shopId, stack.pipeline.shopId)),
    ).toEqual([]);
  });
});
