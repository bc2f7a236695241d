import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Executor } from "../client";
import { blindIndex, emailBlindIndex, encryptPii } from "../crypto/pii-cipher";
import { findBalanceMismatches } from "../ledger/invariants";
import { postLedgerEntry, requireEntry } from "../ledger/post-entry";
import {
  auditLog,
  campaigns,
  campaignVersions,
  customers,
  earningRules,
  earningRuleVersions,
  gdprRequests,
  importJobs,
  importRows,
  notificationLog,
  orderRefunds,
  orderSummaries,
  planUsage,
  pointBalances,
  pointsLedger,
  redemptions,
  rewards,
  rfmScores,
  rfmSegmentCounts,
  rfmShopContext,
  rfmSettings,
  shopifySessions,
  vipTiers,
  webhookDeliveries,
} from "../schema";
import {
  createTestDatabase,
  createTestKeyring,
  insertTestCustomer,
  insertTestShop,
  type TestDatabase,
} from "../testing";
import { exportCustomerData, redactCustomer, redactShop } from "./gdpr";
import { createPendingReferral, ensureReferralCode, recordReferralVisit } from "./referrals";
import { pinCustomerTier } from "./tiers";

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase("loyalty_gdpr");
});
afterAll(() => test.drop());

const keyring = createTestKeyring();
const visitHash = (value: string) => blindIndex(keyring, "referral-visit", value);
const T0 = new Date("2026-05-10T12:00:00Z");
const LATER = new Date("2026-06-01T12:00:00Z");
const counter = { n: 0 };
const random = () => {
  const start = ++counter.n * 104_729;
  let n = start;
  return (max: number) => (n = (n * 31 + 7) % 999_983) % max;
};

interface Person {
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  birthday: string;
}

/** A customer with every kind of personal data encrypted and hashed as the app stores it. */
async function insertPerson(shopId: string, p: Person, extra: Partial<typeof customers.$inferInsert> = {}) {
  const customer = await insertTestCustomer(test.db, shopId, {
    emailEnc: encryptPii(keyring, p.email, "customers.email"),
    emailHash: emailBlindIndex(keyring, p.email),
    firstNameEnc: encryptPii(keyring, p.firstName, "customers.first_name"),
    lastNameEnc: encryptPii(keyring, p.lastName, "customers.last_name"),
    phoneEnc: encryptPii(keyring, p.phone, "customers.phone"),
    birthdayEnc: encryptPii(keyring, p.birthday, "customers.birthday"),
    birthdayMonth: Number(p.birthday.slice(5, 7)),
    birthdayDay: Number(p.birthday.slice(8, 10)),
    shippingAddressHash: blindIndex(keyring, "address", `${p.lastName} street 1`),
    countryCode: "GB",
    locale: "en",
    tags: [`${p.firstName}'s favourite`],
    marketingConsent: "subscribed",
    marketingConsentUpdatedAt: T0,
    joinedAt: T0,
    ...extra,
  });
  return customer;
}

const ADA: Person = {
  email: "ada.lovelace@example.com",
  firstName: "Augusta",
  lastName: "Lovelace",
  phone: "+44 20 7946 0018",
  birthday: "1815-12-10",
};

/**
 * A shop with at least one row in every tenant table, most of them about `person`: the person is
 * a member with points, a redemption, a refused redemption, a staff-pinned tier, a referral code
 * visited by a friend, a referral that brought them in, orders (one as a guest), a refund, RFM
 * scores, a notification, a stored data export and an imported CSV row.
 */
async function populateShop(shopId: string, person: Person) {
  const customer = await insertPerson(shopId, person);
  const c = customer.id;
  const bystander = await insertPerson(shopId, {
    email: "grace@example.com",
    firstName: "Grace",
    lastName: "Hopper",
    phone: "+1 555 0100",
    birthday: "1906-12-09",
  });
  const advocate = await insertTestCustomer(test.db, shopId);
  const emailHash = customer.emailHash!;
  const [reward] = await test.db
    .insert(rewards)
    .values({
      shopId,
      name: "$5 off",
      type: "fixed_amount",
      pointsCost: 100,
      valueMinor: 500,
      currency: "USD",
    })
    .returning();
  const [tier] = await test.db.insert(vipTiers).values({ shopId, name: "Gold", threshold: 5000 }).returning();

  await test.db.transaction(async (tx) => {
    requireEntry(
      await postLedgerEntry(tx, shopId, {
        customerId: c,
        kind: "earn",
        amount: 500,
        status: "available",
        sourceType: "order",
        sourceId: "1",
        idempotencyKey: "order:1:earn",
        occurredAt: T0,
      }),
    );
    const [redemption] = await tx
      .insert(redemptions)
      .values({
        shopId,
        customerId: c,
        rewardId: reward!.id,
        rewardSnapshot: { name: reward!.name },
        pointsSpent: 100,
        idempotencyKey: "redeem:req-1",
        discountCode: "LN-5OFF-AAAA",
        status: "issued",
        issuedAt: T0,
      })
      .returning();
    requireEntry(
      await postLedgerEntry(tx, shopId, {
        customerId: c,
        kind: "redeem",
        amount: -100,
        status: "available",
        sourceType: "redemption",
        sourceId: String(redemption!.id),
        idempotencyKey: "redeem:req-1",
        occurredAt: T0,
      }),
    );
    const refused = await postLedgerEntry(tx, shopId, {
      customerId: c,
      kind: "redeem",
      amount: -100_000,
      status: "available",
      sourceType: "redemption",
      idempotencyKey: "redeem:req-2",
      occurredAt: T0,
    });
    expect(refused.outcome).toBe("refused");
    await pinCustomerTier(tx, shopId, {
      customerId: c,
      tierId: tier!.id,
      until: null,
      staffId: "staff-1",
      reason: `${person.firstName} ${person.lastName} asked nicely`,
      requestKey: "pin-1",
      at: T0,
    });

    // The person's own code, visited by a friend; and the advocate's code that brought the person in.
    const ownCode = await ensureReferralCode(tx, shopId, c, random());
    const friendVisit = await recordReferralVisit(
      tx,
      shopId,
      {
        code: ownCode,
        visitorToken: "visitor-friend-of-ada",
        ip: "192.0.2.10",
        userAgent: "Friend UA",
        at: T0,
      },
      visitHash,
    );
    await createPendingReferral(tx, shopId, {
      code: ownCode,
      friendCustomerId: bystander.id,
      visitId: friendVisit!.visitId,
      at: T0,
    });
    const advocateCode = await ensureReferralCode(tx, shopId, advocate.id, random());
    const ownVisit = await recordReferralVisit(
      tx,
      shopId,
      { code: advocateCode, visitorToken: "visitor-ada", ip: "192.0.2.77", userAgent: "Ada UA", at: T0 },
      visitHash,
    );
    await createPendingReferral(tx, shopId, {
      code: advocateCode,
      friendCustomerId: c,
      friendEmailHash: emailHash,
      visitId: ownVisit!.visitId,
      at: T0,
    });
  });

  const [rule] = await test.db.insert(earningRules).values({ shopId, kind: "purchase" }).returning();
  await test.db.insert(earningRuleVersions).values({ shopId, ruleId: rule!.id, version: 1, config: {} });
  const [campaign] = await test.db
    .insert(campaigns)
    .values({
      shopId,
      name: "Double points",
      type: "multiplier",
      multiplierBp: 20000,
      startsAt: T0,
      endsAt: LATER,
    })
    .returning();
  await test.db
    .insert(campaignVersions)
    .values({ shopId, campaignId: campaign!.id, version: 1, snapshot: {} });
  await test.db.insert(rfmSettings).values({ shopId });
  await test.db
    .insert(rfmShopContext)
    .values({ shopId, source: "live", aovMinor: 4500, quintileModel: null, computedAt: T0 });
  await test.db.insert(rfmScores).values({
    shopId,
    customerId: c,
    recencyDays: 3,
    frequency: 2,
    monetaryMinor: 9000,
    r: 5,
    f: 2,
    m: 3,
    compositeX10: 36,
    segment: "loyal",
    bigSpender: false,
    computedAt: T0,
  });
  await test.db
    .insert(rfmSegmentCounts)
    .values({ shopId, day: "2026-05-10", segment: "loyal", customers: 1 });
  await test.db.insert(orderSummaries).values([
    {
      shopId,
      shopifyOrderId: 1,
      customerId: c,
      currency: "USD",
      subtotalMinor: 5000,
      totalMinor: 5000,
      countryCode: "GB",
      shippingAddressHash: customer.shippingAddressHash,
      placedAt: T0,
      paidAt: T0,
    },
    {
      shopId,
      shopifyOrderId: 2,
      guestEmailHash: emailHash,
      currency: "USD",
      subtotalMinor: 4000,
      totalMinor: 4000,
      shippingAddressHash: customer.shippingAddressHash,
      placedAt: T0,
      paidAt: T0,
    },
  ]);
  await test.db.insert(orderRefunds).values({
    shopId,
    shopifyRefundId: 11,
    shopifyOrderId: 1,
    refundedMinor: 1000,
    refundedBasisMinor: 1000,
    refundedAt: T0,
  });
  await test.db.insert(webhookDeliveries).values({
    shopId,
    eventId: "evt-1",
    webhookId: "wh-1",
    topic: "orders/paid",
    payload: { id: 1 },
  });
  await test.db.insert(gdprRequests).values({
    shopId,
    kind: "data_request",
    customerId: c,
    exportEnc: encryptPii(keyring, JSON.stringify(person), "gdpr_requests.export"),
  });
  await test.db.insert(notificationLog).values({
    shopId,
    customerId: c,
    kind: "points_earned",
    idempotencyKey: "notify:order:1",
    status: "sent",
    sentAt: T0,
    lastError: `soft bounce for ${person.email}`,
  });
  const [job] = await test.db
    .insert(importJobs)
    .values({ shopId, format: "generic", fileName: "members.csv", fileSha256: `sha-${shopId}` })
    .returning();
  const importData = encryptPii(
    keyring,
    `${person.email},${person.firstName},${person.lastName}`,
    "import_rows.data",
  );
  await test.db.insert(importRows).values({
    shopId,
    importJobId: job!.id,
    rowNumber: 1,
    emailHash,
    dataEnc: importData,
    points: 500,
    customerId: c,
  });
  await test.db
    .insert(auditLog)
    .values({ shopId, actorType: "staff", action: "settings.update", entityType: "shop" });
  await test.db
    .insert(shopifySessions)
    .values({ shopId, id: `offline_${shopId}`, accessTokenEnc: "token-ciphertext" });
  await test.db.insert(planUsage).values({ shopId, periodStart: "2026-05-01", plan: "free" });
  // Raw payloads kept for replay carry the person in clear, and so can staff's free-text reasons.
  await test.db.insert(webhookDeliveries).values([
    {
      shopId,
      eventId: `evt-order-${c}`,
      webhookId: `wh-order-${c}`,
      topic: "orders/paid",
      payload: {
        id: 9001,
        email: person.email,
        customer: { id: customer.shopifyCustomerId, first_name: person.firstName },
      },
    },
    {
      shopId,
      eventId: `evt-redact-${c}`,
      webhookId: `wh-redact-${c}`,
      topic: "customers/redact",
      payload: { customer: { id: customer.shopifyCustomerId, email: person.email, phone: person.phone } },
    },
  ]);
  await test.db.insert(auditLog).values({
    shopId,
    actorType: "staff",
    action: "points.adjust",
    entityType: "customer",
    entityId: String(c),
    reason: `goodwill for ${person.firstName} ${person.lastName}`,
  });

  // Everything that identifies the person, as stored: plaintext must never be there, and after
  // erasure neither may the ciphertexts, blind indexes or visit fingerprints.
  const needles = [
    person.email,
    person.firstName,
    person.lastName,
    person.phone,
    person.birthday,
    customer.emailEnc!,
    customer.firstNameEnc!,
    customer.lastNameEnc!,
    customer.phoneEnc!,
    customer.birthdayEnc!,
    emailHash,
    customer.shippingAddressHash!,
    importData,
    visitHash("ip:192.0.2.10"),
    visitHash("ip:192.0.2.77"),
    visitHash("ua:Friend UA"),
    visitHash("ua:Ada UA"),
    "visitor-friend-of-ada",
    "visitor-ada",
  ];
  return { customerId: c, bystanderId: bystander.id, needles };
}

/** Every text-like column (text, varchar, char, json, jsonb, text[]) of every table, as `table.column`. */
async function textColumns(db: Executor) {
  return db.execute<{ table_name: string; column_name: string; has_shop_id: boolean }>(sql`
    select c.table_name, c.column_name,
           exists (select 1 from information_schema.columns s
                   where s.table_schema = c.table_schema and s.table_name = c.table_name
                     and s.column_name = 'shop_id') as has_shop_id
    from information_schema.columns c
    join information_schema.tables t
      on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = 'public'
      and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
           or c.udt_name in ('_text', '_varchar'))
    order by 1, 2`);
}

/** Which `table.column` of the shop's rows still contains any of the needles. */
async function findNeedles(db: Executor, shopId: string, needles: readonly string[]): Promise<string[]> {
  const list = sql`array[${sql.join(
    needles.map((n) => sql`${n}::text`),
    sql`, `,
  )}]`;
  const hits: string[] = [];
  for (const col of await textColumns(db)) {
    const table = sql.identifier(col.table_name);
    const column = sql.identifier(col.column_name);
    const scope =
      col.table_name === "shops"
        ? sql`id = ${shopId}::uuid`
        : col.has_shop_id
          ? sql`shop_id = ${shopId}::uuid`
          : sql`true`;
    const [row] = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from ${table}
      where ${scope} and exists (select 1 from unnest(${list}) needle where position(needle in ${column}::text) > 0)`);
    if (row!.n > 0) hits.push(`${col.table_name}.${col.column_name}`);
  }
  return hits;
}

/** Rows per tenant table for one shop (the `shops` row included). */
async function rowCounts(db: Executor, shopId: string): Promise<Record<string, number>> {
  const tables = await db.execute<{ table_name: string }>(sql`
    select table_name from information_schema.columns
    where table_schema = 'public' and column_name = 'shop_id' order by 1`);
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(table_name)} where shop_id = ${shopId}::uuid`,
    );
    counts[table_name] = row!.n;
  }
  const [shopRow] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from shops where id = ${shopId}::uuid`,
  );
  counts.shops = shopRow!.n;
  return counts;
}

const ledgerOf = (shopId: string, customerId: number) =>
  test.db
    .select()
    .from(pointsLedger)
    .where(and(eq(pointsLedger.shopId, shopId), eq(pointsLedger.customerId, customerId)))
    .orderBy(pointsLedger.id);

describe("GDPR", () => {
  it('"`customers/redact`: erase the customer\'s personal data (e-mail, names, phone, birthday, address hashes, referral visit fingerprints); ledger rows stay, attached to an anonymous tombstone"', async () => {
    const shopId = (await insertTestShop(test.db)).id;
    const otherShopId = (await insertTestShop(test.db)).id;
    const { customerId, bystanderId, needles } = await populateShop(shopId, ADA);
    const twin = await populateShop(otherShopId, ADA);
    expect(await findNeedles(test.db, shopId, needles)).not.toEqual([]);
    const ledgerBefore = await ledgerOf(shopId, customerId);
    const [balanceBefore] = await test.db
      .select()
      .from(pointBalances)
      .where(eq(pointBalances.customerId, customerId));

    const result = await test.db.transaction((tx) => redactCustomer(tx, shopId, customerId, LATER));
    expect(result.alreadyRedacted).toBe(false);

    // Scan every text column of every table of the shop: nothing of the person is left.
    expect(await findNeedles(test.db, shopId, needles)).toEqual([]);
    const [tombstone] = await test.db.select().from(customers).where(eq(customers.id, customerId));
    expect(tombstone).toMatchObject({
      isTombstone: true,
      redactedAt: LATER,
      shopifyCustomerId: null,
      emailEnc: null,
      birthdayMonth: null,
      birthdayDay: null,
      tags: [],
      marketingConsent: "redacted",
      membershipStatus: "excluded",
    });
    // The ledger stays, attached to the tombstone, and still adds up.
    expect(await ledgerOf(shopId, customerId)).toEqual(ledgerBefore);
    const [balanceAfter] = await test.db
      .select()
      .from(pointBalances)
      .where(eq(pointBalances.customerId, customerId));
    expect(balanceAfter).toEqual(balanceBefore);
    expect(await findBalanceMismatches(test.db, shopId)).toEqual([]);

    // Other customers, and the same person in another shop, are untouched.
    const [bystander] = await test.db.select().from(customers).where(eq(customers.id, bystanderId));
    expect(bystander).toMatchObject({ isTombstone: false, marketingConsent: "subscribed" });
    expect(bystander!.emailEnc).not.toBeNull();
    const [twinRow] = await test.db.select().from(customers).where(eq(customers.id, twin.customerId));
    expect(twinRow).toMatchObject({ isTombstone: false });
    expect(await findNeedles(test.db, otherShopId, twin.needles)).not.toEqual([]);

    // A replayed request changes nothing (the first erasure's time stays).
    const again = await test.db.transaction((tx) =>
      redactCustomer(tx, shopId, customerId, new Date("2026-07-01T00:00:00Z")),
    );
    expect(again).toEqual({ alreadyRedacted: true, steps: [] });
    const [still] = await test.db.select().from(customers).where(eq(customers.id, customerId));
    expect(still!.redactedAt).toEqual(LATER);
  });

  it('"`shop/redact`: delete every row of the shop"', async () => {
    const shopId = (await insertTestShop(test.db)).id;
    const otherShopId = (await insertTestShop(test.db)).id;
    await populateShop(shopId, ADA);
    await populateShop(otherShopId, ADA);
    const before = await rowCounts(test.db, shopId);
    // The fixture reaches every tenant table, so "no row remains" below means something.
    expect(Object.entries(before).filter(([, n]) => n === 0)).toEqual([]);
    const otherBefore = await rowCounts(test.db, otherShopId);

    const steps = await test.db.transaction((tx) => redactShop(tx, shopId, LATER));
    expect(steps.at(-1)).toMatchObject({ table: "shops", action: "delete", rows: 1 });

    const after = await rowCounts(test.db, shopId);
    expect(Object.entries(after).filter(([, n]) => n !== 0)).toEqual([]);
    expect(await rowCounts(test.db, otherShopId)).toEqual(otherBefore);
    expect(await findBalanceMismatches(test.db, otherShopId)).toEqual([]);

    // The ledger's append-only guard is back in force outside the erasing transaction.
    const refused = await test.db
      .execute(sql`delete from points_ledger where shop_id = ${otherShopId}::uuid`)
      .then(
        () => null,
        (error: Error) => error,
      );
    expect(String(refused?.cause)).toMatch(/append-only/);
    // A replay finds nothing left to delete.
    const replay = await test.db.transaction((tx) => redactShop(tx, shopId, LATER));
    expect(replay.every((s) => s.rows === 0)).toBe(true);
  });

  it('"`customers/data_request`: assemble everything held about the customer (profile, ledger, redemptions, referrals, tier history, RFM, consents, notifications) into a JSON export"', async () => {
    const shopId = (await insertTestShop(test.db)).id;
    const { customerId, needles } = await populateShop(shopId, ADA);
    const doc = await test.db.transaction((tx) => exportCustomerData(tx, shopId, customerId, keyring, LATER));

    expect(doc.generatedAt).toBe(LATER.toISOString());
    expect(doc.profile).toMatchObject({
      customerId,
      email: ADA.email,
      firstName: ADA.firstName,
      lastName: ADA.lastName,
      phone: ADA.phone,
      birthday: ADA.birthday,
      tierName: "Gold",
      tags: ["Augusta's favourite"],
    });
    expect(doc.points.balance).toMatchObject({
      available: 400,
      pending: 0,
      lifetimeEarned: 500,
      lifetimeRedeemed: 100,
    });
    expect(doc.points.ledgerTotals).toEqual({ available: 400, pending: 0 });
    expect(doc.points.ledger.map((e) => [e.kind, e.amount])).toEqual([
      ["earn", 500],
      ["redeem", -100],
    ]);
    expect(doc.redemptions).toMatchObject([
      { rewardName: "$5 off", pointsSpent: 100, discountCode: "LN-5OFF-AAAA" },
    ]);
    expect(doc.referrals.code).toMatch(/^[2-9A-Z]{7}$/);
    expect(doc.referrals.history.map((r) => r.role).sort()).toEqual(["advocate", "friend"]);
    expect(doc.tierHistory).toMatchObject([{ fromTierName: null, toTierName: "Gold", reason: "pin" }]);
    expect(doc.rfm).toMatchObject({ segment: "loyal", compositeX10: 36 });
    expect(doc.consents).toEqual({ marketing: "subscribed", updatedAt: T0.toISOString() });
    expect(doc.notifications).toMatchObject([{ kind: "points_earned", status: "sent" }]);

    // Hashes and ciphertexts mean nothing to the customer and stay out of the document.
    const json = JSON.stringify(doc);
    const opaque = needles.filter(
      (n) => ![ADA.email, ADA.firstName, ADA.lastName, ADA.phone, ADA.birthday].includes(n),
    );
    expect(opaque.filter((n) => json.includes(n))).toEqual([]);
  });
});
