import { Faker, en } from "@faker-js/faker";
import { REFERRAL_CODE_ALPHABET } from "@loyalnest/domain";
import { eq } from "drizzle-orm";
import type { Database, Transaction } from "../client";
import { emailBlindIndex, encryptOptional, encryptPii, type PiiKeyring } from "../crypto/pii-cipher";
import { runShopRfm } from "../loyalty/rfm";
import {
  customers,
  defaultShopConfig,
  earningRules,
  earningRuleVersions,
  orderSummaries,
  pointBalances,
  pointsLedger,
  redemptions,
  referralCodes,
  rewards,
  rfmSettings,
  shopSettings,
  shops,
  tierHistory,
  vipTiers,
} from "../schema";

export const DEMO_SHOP_DOMAIN = "loyalnest-demo.myshopify.com";

export interface DemoSeedOptions {
  keyring: PiiKeyring;
  /** Same seed and anchor → the same shop, customers, orders and ledger. */
  seed?: number;
  customers?: number;
  /** "Now" for the demo data: orders fall in the two years before it. */
  anchor?: Date;
}

const DAY = 86_400_000;

const EARN_POINTS = 10; // per EARN_PER_MINOR minor units: the default rate of 10 points per dollar
const EARN_PER_MINOR = 100;
const SIGNUP_POINTS = 200;

const TIERS = [
  { name: "Bronze", threshold: 0, earnMultiplierBp: 10000, benefits: ["Member prices"] },
  { name: "Silver", threshold: 1000, earnMultiplierBp: 12500, benefits: ["1.25× points", "Early access"] },
  { name: "Gold", threshold: 5000, earnMultiplierBp: 15000, benefits: ["1.5× points", "Free shipping"] },
];

/**
 * Seeds a realistic demo shop (customers with encrypted PII, paid orders, earned and redeemed
 * points, tiers, rewards, referral codes) from a fixed random seed. Returns without writing if
 * the demo shop already exists, so every `dev` start can call it.
 */
export async function seedDemoShop(db: Database, options: DemoSeedOptions) {
  const existing = await db.select({ id: shops.id }).from(shops).where(eq(shops.domain, DEMO_SHOP_DOMAIN));
  if (existing[0]) return { shopId: existing[0].id, created: false };
  const shopId = await db.transaction((tx) => writeDemoShop(tx, options));
  await scoreDemoShop(db, shopId, options.anchor ?? startOfUtcDay(new Date()));
  return { shopId, created: true };
}

/**
 * The nightly RFM pass, run as if it had run every week of the last quarter: customers get their
 * scores and segments, and the analytics have daily segment counts to chart movement over time.
 */
async function scoreDemoShop(db: Database, shopId: string, anchor: Date) {
  for (let weeksAgo = 12; weeksAgo >= 0; weeksAgo--) {
    await runShopRfm(db, shopId, new Date(anchor.getTime() - weeksAgo * 7 * DAY + 6 * 3_600_000));
  }
}

async function writeDemoShop(tx: Transaction, options: DemoSeedOptions): Promise<string> {
  const faker = new Faker({ locale: [en] });
  faker.seed(options.seed ?? 20261121);
  const anchor = options.anchor ?? startOfUtcDay(new Date());
  const keyring = options.keyring;

  const shopId = faker.string.uuid();
  await tx.insert(shops).values({
    id: shopId,
    domain: DEMO_SHOP_DOMAIN,
    name: "Nest & Co. (demo)",
    currency: "USD",
    timezone: "America/New_York",
    countryCode: "US",
    shopifyPlan: "basic",
    installedAt: new Date(anchor.getTime() - 730 * DAY),
    createdAt: new Date(anchor.getTime() - 730 * DAY),
  });
  await tx.insert(shopSettings).values({ shopId, config: defaultShopConfig() });
  await tx.insert(rfmSettings).values({ shopId });
  await seedEarningRules(tx, shopId);
  const tierIds = await seedTiers(tx, shopId);
  const fiveOff = await seedRewards(tx, shopId);

  const count = options.customers ?? 300;
  const usedCodes = new Set<string>();
  for (let i = 0; i < count; i++) {
    const person = fakePerson(faker, anchor, i);
    const [row] = await tx
      .insert(customers)
      .values({
        shopId,
        shopifyCustomerId: person.shopifyCustomerId,
        emailEnc: encryptPii(keyring, person.email, "customers.email"),
        emailHash: emailBlindIndex(keyring, person.email),
        firstNameEnc: encryptPii(keyring, person.firstName, "customers.first_name"),
        lastNameEnc: encryptPii(keyring, person.lastName, "customers.last_name"),
        phoneEnc: encryptOptional(keyring, person.phone, "customers.phone"),
        birthdayEnc: encryptOptional(keyring, person.birthday, "customers.birthday"),
        birthdayMonth: person.birthday ? Number(person.birthday.slice(5, 7)) : null,
        birthdayDay: person.birthday ? Number(person.birthday.slice(8, 10)) : null,
        birthdaySetAt: person.birthday ? person.joinedAt : null,
        countryCode: person.country,
        marketingConsent: person.subscribed ? "subscribed" : "not_subscribed",
        joinedAt: person.joinedAt,
        createdAt: person.joinedAt,
      })
      .returning({ id: customers.id });
    const customerId = row!.id;
    const orders = fakeOrders(faker, person.shopifyCustomerId, person.joinedAt, anchor);
    const ledger: (typeof pointsLedger.$inferInsert)[] = [
      ledgerRow(shopId, customerId, "earn", SIGNUP_POINTS, "signup", String(customerId), person.joinedAt),
    ];
    ledger[0]!.idempotencyKey = `signup:${customerId}`;
    for (const order of orders) {
      const points = Math.floor((order.basis * EARN_POINTS) / EARN_PER_MINOR);
      await tx.insert(orderSummaries).values({ shopId, customerId, ...order.summary, pointsEarned: points });
      if (points > 0) {
        ledger.push(ledgerRow(shopId, customerId, "earn", points, "order", String(order.id), order.paidAt));
      }
    }
    let available = ledger.reduce((sum, entry) => sum + entry.amount, 0);
    const lifetimeEarned = available;
    let lifetimeRedeemed = 0;
    const lastPaid = orders.at(-1)?.paidAt ?? person.joinedAt;
    if (available >= 1500 && faker.number.float() < 0.4) {
      const redeemedAt = new Date(lastPaid.getTime() + DAY);
      const [redemption] = await tx
        .insert(redemptions)
        .values({
          shopId,
          customerId,
          rewardId: fiveOff.id,
          rewardSnapshot: fiveOff,
          status: "issued",
          pointsSpent: fiveOff.pointsCost,
          valueMinor: fiveOff.valueMinor,
          currency: "USD",
          idempotencyKey: `seed:redeem:${customerId}`,
          discountCode: `NEST-${faker.string.fromCharacters(REFERRAL_CODE_ALPHABET, 8)}`,
          issuedAt: redeemedAt,
          expiresAt: new Date(redeemedAt.getTime() + 30 * DAY),
          createdAt: redeemedAt,
        })
        .returning({ id: redemptions.id });
      ledger.push(
        ledgerRow(
          shopId,
          customerId,
          "redeem",
          -fiveOff.pointsCost,
          "redemption",
          String(redemption!.id),
          redeemedAt,
        ),
      );
      available -= fiveOff.pointsCost;
      lifetimeRedeemed = fiveOff.pointsCost;
    }
    await tx.insert(pointsLedger).values(ledger);
    await tx
      .insert(pointBalances)
      .values({ shopId, customerId, available, lifetimeEarned, lifetimeRedeemed });

    const tierIndex = TIERS.findLastIndex((tier) => lifetimeEarned >= tier.threshold);
    await tx
      .update(customers)
      .set({ tierId: tierIds[tierIndex]!, tierAchievedAt: lastPaid, lastActivityAt: lastPaid })
      .where(eq(customers.id, customerId));
    await tx.insert(tierHistory).values({
      shopId,
      customerId,
      toTierId: tierIds[tierIndex]!,
      reason: "initial",
      metricValue: lifetimeEarned,
      idempotencyKey: `seed:tier:${customerId}`,
      createdAt: lastPaid,
    });
    await tx.insert(referralCodes).values({ shopId, customerId, code: uniqueCode(faker, usedCodes) });
  }
  return shopId;
}

function ledgerRow(
  shopId: string,
  customerId: number,
  kind: "earn" | "redeem",
  amount: number,
  sourceType: "order" | "signup" | "redemption",
  sourceId: string,
  at: Date,
): typeof pointsLedger.$inferInsert {
  return {
    shopId,
    customerId,
    kind,
    amount,
    status: "available",
    sourceType,
    sourceId,
    idempotencyKey: `${sourceType}:${sourceId}:${kind}`,
    occurredAt: at,
    createdAt: at,
  };
}

function fakePerson(faker: Faker, anchor: Date, index: number) {
  const firstName = faker.person.firstName();
  const lastName = faker.person.lastName();
  const hasBirthday = faker.number.float() < 0.6;
  return {
    shopifyCustomerId: 7_100_000_000_000 + index,
    firstName,
    lastName,
    email: faker.internet.email({ firstName, lastName, provider: "example.com" }).toLowerCase(),
    phone: faker.number.float() < 0.5 ? faker.phone.number({ style: "international" }) : null,
    birthday: hasBirthday
      ? faker.date.birthdate({ mode: "age", min: 18, max: 75, refDate: anchor }).toISOString().slice(0, 10)
      : null,
    country: faker.helpers.weightedArrayElement([
      { value: "US", weight: 60 },
      { value: "CA", weight: 15 },
      { value: "GB", weight: 10 },
      { value: "DE", weight: 8 },
      { value: "FR", weight: 7 },
    ]),
    subscribed: faker.number.float() < 0.45,
    joinedAt: faker.date.between({ from: anchor.getTime() - 720 * DAY, to: anchor.getTime() - 2 * DAY }),
  };
}

function fakeOrders(faker: Faker, shopifyCustomerId: number, joinedAt: Date, anchor: Date) {
  const count = faker.helpers.weightedArrayElement([
    { value: 0, weight: 15 },
    { value: 1, weight: 35 },
    { value: faker.number.int({ min: 2, max: 3 }), weight: 25 },
    { value: faker.number.int({ min: 4, max: 8 }), weight: 20 },
    { value: faker.number.int({ min: 9, max: 15 }), weight: 5 },
  ]);
  const dates = Array.from({ length: count }, () =>
    faker.date.between({ from: joinedAt.getTime(), to: anchor.getTime() - DAY }),
  ).sort((a, b) => a.getTime() - b.getTime());
  return dates.map((paidAt, n) => {
    const subtotal = faker.number.int({ min: 1500, max: 25000 });
    const discount = faker.number.float() < 0.2 ? Math.round(subtotal * 0.1) : 0;
    const shipping = subtotal - discount >= 7500 ? 0 : 599;
    const tax = Math.round((subtotal - discount) * 0.08);
    const id = shopifyCustomerId * 100 + n;
    const basis = subtotal - discount;
    return {
      id,
      paidAt,
      basis,
      summary: {
        shopifyOrderId: id,
        orderName: `#${1000 + (id % 100000)}`,
        currency: "USD",
        presentmentCurrency: "USD",
        subtotalMinor: subtotal,
        discountMinor: discount,
        shippingMinor: shipping,
        taxMinor: tax,
        totalMinor: basis + shipping + tax,
        earningBasisMinor: basis,
        financialStatus: "paid",
        placedAt: new Date(paidAt.getTime() - 60_000),
        paidAt,
        shopifyUpdatedAt: paidAt,
      },
    };
  });
}

async function seedEarningRules(tx: Transaction, shopId: string) {
  const rules = [
    { kind: "purchase", variant: "", config: { points: EARN_POINTS, perMinor: EARN_PER_MINOR } },
    { kind: "signup", variant: "", config: { points: SIGNUP_POINTS } },
    { kind: "birthday", variant: "", config: { points: 200 } },
    { kind: "newsletter", variant: "", config: { points: 100 } },
    { kind: "review", variant: "", config: { points: 100, monthlyLimit: 5 } },
    { kind: "social", variant: "instagram", config: { points: 50 } },
  ] as const;
  for (const rule of rules) {
    const [row] = await tx
      .insert(earningRules)
      .values({ shopId, kind: rule.kind, variant: rule.variant })
      .returning({ id: earningRules.id });
    await tx.insert(earningRuleVersions).values({ shopId, ruleId: row!.id, version: 1, config: rule.config });
  }
}

async function seedTiers(tx: Transaction, shopId: string): Promise<number[]> {
  const rows = await tx
    .insert(vipTiers)
    .values(TIERS.map((tier) => ({ shopId, ...tier })))
    .returning({ id: vipTiers.id, threshold: vipTiers.threshold });
  return rows.sort((a, b) => a.threshold - b.threshold).map((row) => row.id);
}

async function seedRewards(tx: Transaction, shopId: string) {
  const rows = await tx
    .insert(rewards)
    .values([
      { shopId, name: "$5 off", type: "fixed_amount", pointsCost: 500, valueMinor: 500, currency: "USD" },
      { shopId, name: "10% off", type: "percentage", pointsCost: 1000, percentBp: 1000, minOrderMinor: 5000 },
      { shopId, name: "Free shipping", type: "free_shipping", pointsCost: 300 },
      {
        shopId,
        name: "Points for cash",
        type: "points_for_money",
        pointsCost: 100,
        pfmStepPoints: 100,
        pfmStepValueMinor: 100,
        pfmMinPoints: 500,
        pfmMaxPoints: 5000,
        currency: "USD",
      },
    ])
    .returning();
  const fiveOff = rows.find((row) => row.name === "$5 off")!;
  return {
    id: fiveOff.id,
    name: fiveOff.name,
    pointsCost: fiveOff.pointsCost,
    valueMinor: fiveOff.valueMinor!,
  };
}

function uniqueCode(faker: Faker, used: Set<string>): string {
  for (;;) {
    const code = faker.string.fromCharacters(REFERRAL_CODE_ALPHABET, 7);
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
  }
}

const startOfUtcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
