import { adjustPoints as postAdjustment, emailBlindIndex, encryptPii, schema } from "@loyalnest/db";
import { balanceOf, insertTestCustomer } from "@loyalnest/db/testing";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../../testing";

let api: ApiHarness;
beforeAll(async () => {
  api = await createApiHarness("admin_customers");
});
afterAll(async () => api?.close());

let seq = 0;
const key = (label: string) => `${label}-${++seq}-${Date.now()}`;

async function customerWith(shopId: string, email: string, names: { first: string; last: string }) {
  const k = api.deps.keyring;
  return insertTestCustomer(api.test.db, shopId, {
    emailEnc: encryptPii(k, email, "customers.email"),
    emailHash: emailBlindIndex(k, email),
    firstNameEnc: encryptPii(k, names.first, "customers.first_name"),
    lastNameEnc: encryptPii(k, names.last, "customers.last_name"),
    joinedAt: new Date(),
  });
}

async function give(shopId: string, customerId: number, points: number) {
  await api.test.db.transaction((tx) =>
    postAdjustment(tx, shopId, {
      customerId,
      points,
      reason: "seed",
      staffId: "1",
      requestKey: key("seed"),
      at: new Date(),
    }),
  );
}

const admin = (domain: string) => api.client({ kind: "admin", shop: domain, staffId: "777" });

const auditRows = (shopId: string) =>
  api.test.db.select().from(schema.auditLog).where(eq(schema.auditLog.shopId, shopId));

describe("admin.customers.search", () => {
  it("finds exactly the customer with that e-mail (any case), decrypted, and not another shop's customer with the same e-mail", async () => {
    const shop = await api.installShop();
    const other = await api.installShop();
    const ada = await customerWith(shop.id, "ada@example.com", { first: "Ada", last: "Lovelace" });
    await customerWith(shop.id, "grace@example.com", { first: "Grace", last: "Hopper" });
    const theirs = await customerWith(other.id, "ada@example.com", { first: "Ada", last: "Other" });
    await give(shop.id, ada.id, 250);

    const result = await admin(shop.domain).admin.customers.search.query({ email: "  ADA@Example.com " });

    expect(result.items).toEqual([
      {
        id: ada.id,
        shopifyCustomerId: String(ada.shopifyCustomerId),
        email: "ada@example.com",
        firstName: "Ada",
        lastName: "Lovelace",
        membershipStatus: "member",
        segment: null,
        isTombstone: false,
        tier: null,
        balance: { available: 250, pending: 0 },
      },
    ]);
    expect(result.items.map((c) => c.id)).not.toContain(theirs.id);
    expect(result.nextCursor).toBeNull();
  });

  it("filters by tier, segment, membership and balance range, newest first, a page at a time", async () => {
    const shop = await api.installShop();
    const [gold] = await api.test.db
      .insert(schema.vipTiers)
      .values({ shopId: shop.id, name: "Gold", threshold: 1000 })
      .returning();
    const rich = await customerWith(shop.id, "rich@example.com", { first: "R", last: "Ich" });
    const richer = await customerWith(shop.id, "richer@example.com", { first: "R", last: "Icher" });
    const poor = await customerWith(shop.id, "poor@example.com", { first: "P", last: "Oor" });
    await api.test.db
      .update(schema.customers)
      .set({ tierId: gold!.id, rfmSegment: "champions" })
      .where(and(eq(schema.customers.shopId, shop.id), eq(schema.customers.id, rich.id)));
    await api.test.db
      .update(schema.customers)
      .set({ tierId: gold!.id, rfmSegment: "champions" })
      .where(and(eq(schema.customers.shopId, shop.id), eq(schema.customers.id, richer.id)));
    await give(shop.id, rich.id, 500);
    await give(shop.id, richer.id, 900);
    await give(shop.id, poor.id, 10);
    const client = admin(shop.domain);

    const byTier = await client.admin.customers.search.query({
      tierId: gold!.id,
      segment: "champions",
      limit: 1,
    });
    expect(byTier.items.map((c) => c.id)).toEqual([richer.id]);
    expect(byTier.items[0]!.tier).toEqual({ id: gold!.id, name: "Gold" });
    const next = await client.admin.customers.search.query({
      tierId: gold!.id,
      segment: "champions",
      limit: 1,
      cursor: byTier.nextCursor!,
    });
    expect(next.items.map((c) => c.id)).toEqual([rich.id]);
    expect(next.nextCursor).toBeNull();

    const range = await client.admin.customers.search.query({ balanceMin: 100, balanceMax: 600 });
    expect(range.items.map((c) => c.id)).toEqual([rich.id]);
    const low = await client.admin.customers.search.query({ balanceMax: 50, membershipStatus: "member" });
    expect(low.items.map((c) => c.id)).toEqual([poor.id]);
  });

  it("refuses an inverted balance range with a readable 400", async () => {
    const shop = await api.installShop();
    const result = await api.call({
      path: "admin.customers.search",
      type: "query",
      input: { balanceMin: 10, balanceMax: 5 },
      credential: { kind: "admin", shop: shop.domain },
    });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).toContain("minimum balance must not be above the maximum");
  });
});

describe("admin.customers.detail and ledger", () => {
  it("shows profile, balance, ledger, redemptions, referrals both ways and tier history", async () => {
    const shop = await api.installShop();
    const ada = await customerWith(shop.id, "ada2@example.com", { first: "Ada", last: "Lovelace" });
    const friend = await customerWith(shop.id, "friend@example.com", { first: "F", last: "Riend" });
    const advocate = await customerWith(shop.id, "advocate@example.com", { first: "A", last: "Dvocate" });
    for (let i = 0; i < 3; i++) await give(shop.id, ada.id, 100 + i);
    const [reward] = await api.test.db
      .insert(schema.rewards)
      .values({
        shopId: shop.id,
        name: "$5 off",
        type: "fixed_amount",
        pointsCost: 500,
        valueMinor: 500,
        currency: "USD",
      })
      .returning();
    await api.test.db.insert(schema.redemptions).values({
      shopId: shop.id,
      customerId: ada.id,
      rewardId: reward!.id,
      rewardSnapshot: { name: "$5 off" },
      status: "issued",
      pointsSpent: 500,
      valueMinor: 500,
      currency: "USD",
      idempotencyKey: key("redeem"),
      discountCode: "LN-ADA",
    });
    const [adaCode] = await api.test.db
      .insert(schema.referralCodes)
      .values({ shopId: shop.id, customerId: ada.id, code: "ADA123" })
      .returning();
    const [advocateCode] = await api.test.db
      .insert(schema.referralCodes)
      .values({ shopId: shop.id, customerId: advocate.id, code: "ADV123" })
      .returning();
    await api.test.db.insert(schema.referrals).values([
      {
        shopId: shop.id,
        referralCodeId: adaCode!.id,
        advocateCustomerId: ada.id,
        friendCustomerId: friend.id,
      },
      {
        shopId: shop.id,
        referralCodeId: advocateCode!.id,
        advocateCustomerId: advocate.id,
        friendCustomerId: ada.id,
      },
    ]);
    const client = admin(shop.domain);
    const [gold] = await api.test.db
      .insert(schema.vipTiers)
      .values({ shopId: shop.id, name: "Gold", threshold: 1000 })
      .returning();
    await client.admin.customers.pinTier.mutate({
      customerId: ada.id,
      tierId: gold!.id,
      requestKey: key("pin"),
    });

    const detail = await client.admin.customers.detail.query({ customerId: ada.id });

    expect(detail.customer).toMatchObject({
      id: ada.id,
      email: "ada2@example.com",
      firstName: "Ada",
      tier: { id: gold!.id, name: "Gold" },
      tierPinned: true,
    });
    expect(detail.balance).toEqual({ available: 303, pending: 0, lifetimeEarned: 0, lifetimeRedeemed: 0 });
    expect(detail.ledger.items.map((e) => e.amount)).toEqual([102, 101, 100]);
    expect(detail.redemptions).toEqual([
      expect.objectContaining({
        rewardName: "$5 off",
        discountCode: "LN-ADA",
        valueMinor: 500,
        currency: "USD",
      }),
    ]);
    expect(detail.referralsAsAdvocate.map((r) => r.friendCustomerId)).toEqual([friend.id]);
    expect(detail.referralAsFriend?.advocateCustomerId).toBe(advocate.id);
    expect(detail.tierHistory).toEqual([expect.objectContaining({ reason: "pin", toTierId: gold!.id })]);

    const first = await client.admin.customers.ledger.query({ customerId: ada.id, limit: 2 });
    expect(first.items.map((e) => e.amount)).toEqual([102, 101]);
    const second = await client.admin.customers.ledger.query({
      customerId: ada.id,
      limit: 2,
      cursor: first.nextCursor!,
    });
    expect(second.items.map((e) => e.amount)).toEqual([100]);
    expect(second.nextCursor).toBeNull();
    expect(second.items[0]).toMatchObject({ kind: "adjust", sourceType: "staff", reason: "seed" });
  });

  it("another shop's customer is not found", async () => {
    const shop = await api.installShop();
    const other = await api.installShop();
    const theirs = await customerWith(other.id, "theirs@example.com", { first: "T", last: "Heirs" });
    for (const path of ["admin.customers.detail", "admin.customers.ledger"]) {
      const result = await api.call({
        path,
        type: "query",
        input: { customerId: theirs.id },
        credential: { kind: "admin", shop: shop.domain },
      });
      expect(result.status).toBe(404);
      expect(JSON.stringify(result.body)).toContain("Customer not found.");
      expect(JSON.stringify(result.body)).not.toContain("theirs@example.com");
    }
  });
});

describe("admin.customers.adjustPoints", () => {
  it("adds points once per request key, with one ledger row and one audit row", async () => {
    const shop = await api.installShop();
    const customer = await insertTestCustomer(api.test.db, shop.id);
    const client = admin(shop.domain);
    const input = {
      customerId: customer.id,
      points: 150,
      reason: "Goodwill after a late parcel",
      requestKey: key("adj"),
    };

    const first = await client.admin.customers.adjustPoints.mutate(input);
    const replay = await client.admin.customers.adjustPoints.mutate(input);

    expect(first).toMatchObject({ outcome: "applied", points: 150, balance: { available: 150, pending: 0 } });
    expect(replay).toMatchObject({
      outcome: "duplicate",
      entryId: first.entryId,
      balance: { available: 150 },
    });
    expect((await balanceOf(api.test.db, shop.id, customer.id)).available).toBe(150);
    const ledgerRows = await api.test.db
      .select()
      .from(schema.pointsLedger)
      .where(eq(schema.pointsLedger.shopId, shop.id));
    expect(ledgerRows).toHaveLength(1);
    expect(ledgerRows[0]).toMatchObject({
      amount: 150,
      actorId: "777",
      reason: "Goodwill after a late parcel",
    });
    const audits = await auditRows(shop.id);
    expect(audits).toEqual([
      expect.objectContaining({ action: "points.adjust", entityId: String(customer.id), actorId: "777" }),
    ]);
  });

  it("refuses a deduction beyond the balance with a readable 422 and changes nothing", async () => {
    const shop = await api.installShop();
    const customer = await insertTestCustomer(api.test.db, shop.id);
    await give(shop.id, customer.id, 200);
    const before = await auditRows(shop.id);

    const result = await api.call({
      path: "admin.customers.adjustPoints",
      type: "mutation",
      input: { customerId: customer.id, points: -500, reason: "Fraud", requestKey: key("deduct") },
      credential: { kind: "admin", shop: shop.domain },
    });

    expect(result.status).toBe(422);
    expect(JSON.stringify(result.body)).toContain(
      "Cannot remove 500 points: the customer has only 200 available",
    );
    expect((await balanceOf(api.test.db, shop.id, customer.id)).available).toBe(200);
    expect(await auditRows(shop.id)).toHaveLength(before.length);
    expect(
      await api.test.db.select().from(schema.ledgerRefusals).where(eq(schema.ledgerRefusals.shopId, shop.id)),
    ).toEqual([]);
  });

  it("refuses zero points and a blank reason with 400s naming the field", async () => {
    const shop = await api.installShop();
    const customer = await insertTestCustomer(api.test.db, shop.id);
    const call = (input: unknown) =>
      api.call({
        path: "admin.customers.adjustPoints",
        type: "mutation",
        input,
        credential: { kind: "admin", shop: shop.domain },
      });
    const zero = await call({ customerId: customer.id, points: 0, reason: "x", requestKey: key("zero") });
    expect(zero.status).toBe(400);
    expect(JSON.stringify(zero.body)).toContain("other than zero");
    const blank = await call({ customerId: customer.id, points: 5, reason: "   ", requestKey: key("blank") });
    expect(blank.status).toBe(400);
    expect(JSON.stringify(blank.body)).toContain("reason");
    const nul = await call({
      customerId: customer.id,
      points: 5,
      reason: "a\u0000b",
      requestKey: key("nul"),
    });
    expect(nul.status).toBe(400);
    expect(JSON.stringify(nul.body)).toContain("NUL");
    expect((await balanceOf(api.test.db, shop.id, customer.id)).available).toBe(0);
  });

  it("another shop's customer: 404 and their balance untouched", async () => {
    const shop = await api.installShop();
    const other = await api.installShop();
    const theirs = await insertTestCustomer(api.test.db, other.id);
    await give(other.id, theirs.id, 300);
    const result = await api.call({
      path: "admin.customers.adjustPoints",
      type: "mutation",
      input: { customerId: theirs.id, points: -100, reason: "probe", requestKey: key("probe") },
      credential: { kind: "admin", shop: shop.domain },
    });
    expect(result.status).toBe(404);
    expect((await balanceOf(api.test.db, other.id, theirs.id)).available).toBe(300);
    expect(await auditRows(shop.id)).toEqual([]);
  });
});

describe("admin.customers.pinTier / unpinTier", () => {
  it("pins a tier until a date, once per request key, audited; unpin moves the customer back", async () => {
    const shop = await api.installShop();
    const customer = await insertTestCustomer(api.test.db, shop.id);
    const [vip] = await api.test.db
      .insert(schema.vipTiers)
      .values({ shopId: shop.id, name: "VIP", threshold: 5000 })
      .returning();
    const client = admin(shop.domain);
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const pin = {
      customerId: customer.id,
      tierId: vip!.id,
      until,
      reason: "Press partner",
      requestKey: key("pin"),
    };

    const pinned = await client.admin.customers.pinTier.mutate(pin);
    const replay = await client.admin.customers.pinTier.mutate(pin);

    expect(pinned).toEqual({
      outcome: "changed",
      tier: { id: vip!.id, name: "VIP" },
      pinned: true,
      pinnedUntil: until,
    });
    expect(replay.outcome).toBe("duplicate");
    const audits = await auditRows(shop.id);
    expect(audits).toEqual([
      expect.objectContaining({ action: "tier.pin", entityId: String(customer.id), actorId: "777" }),
    ]);
    expect(JSON.stringify(audits[0]!.changes)).not.toContain("Press partner");

    const unpinned = await client.admin.customers.unpinTier.mutate({
      customerId: customer.id,
      requestKey: key("unpin"),
    });
    expect(unpinned).toEqual({ outcome: "changed", tier: null, pinned: false, pinnedUntil: null });
    expect((await auditRows(shop.id)).map((a) => a.action).sort()).toEqual(["tier.pin", "tier.unpin"]);
  });

  it("refuses readable 4xx: unpin without a pin, a past end date, another shop's tier or customer", async () => {
    const shop = await api.installShop();
    const other = await api.installShop();
    const customer = await insertTestCustomer(api.test.db, shop.id);
    const theirCustomer = await insertTestCustomer(api.test.db, other.id);
    const [tier] = await api.test.db
      .insert(schema.vipTiers)
      .values({ shopId: shop.id, name: "VIP", threshold: 10 })
      .returning();
    const [theirTier] = await api.test.db
      .insert(schema.vipTiers)
      .values({ shopId: other.id, name: "Theirs", threshold: 10 })
      .returning();
    const call = (path: string, input: unknown) =>
      api.call({ path, type: "mutation", input, credential: { kind: "admin", shop: shop.domain } });

    const notPinned = await call("admin.customers.unpinTier", {
      customerId: customer.id,
      requestKey: key("unpin"),
    });
    expect(notPinned.status).toBe(412);
    expect(JSON.stringify(notPinned.body)).toContain("not pinned");

    const past = await call("admin.customers.pinTier", {
      customerId: customer.id,
      tierId: tier!.id,
      until: "2020-01-01T00:00:00Z",
      requestKey: key("pin"),
    });
    expect(past.status).toBe(400);
    expect(JSON.stringify(past.body)).toContain("end date must be in the future");

    const theirTierPin = await call("admin.customers.pinTier", {
      customerId: customer.id,
      tierId: theirTier!.id,
      requestKey: key("pin"),
    });
    expect(theirTierPin.status).toBe(404);
    expect(JSON.stringify(theirTierPin.body)).toContain("Tier not found.");

    const theirCustomerPin = await call("admin.customers.pinTier", {
      customerId: theirCustomer.id,
      tierId: null,
      requestKey: key("pin"),
    });
    expect(theirCustomerPin.status).toBe(404);

    const rows = await api.test.db.select().from(schema.tierHistory);
    expect(rows.filter((r) => r.shopId === shop.id || r.shopId === other.id)).toEqual([]);
    expect(await auditRows(shop.id)).toEqual([]);
  });
});
