import { randomBytes } from "node:crypto";
import {
  adjustPoints,
  emailBlindIndex,
  encryptPii,
  schema,
  type Database,
  type PiiKeyring,
} from "@loyalnest/db";
import { insertTestCustomer } from "@loyalnest/db/testing";
import { sql } from "drizzle-orm";
import type { TenantIds } from "./tenancy-case";

/** The e-mail every seeded victim customer has: an attacker searching for it must find only their own. */
export const VICTIM_EMAIL = "victim.shopper@example.com";

/**
 * A shop populated with one row of everything a procedure could address: customers with points, a
 * tier, a reward, a campaign, an earning rule, a flagged referral, an issued redemption, a completed
 * GDPR export and a failed webhook delivery. The tenancy sweep aims other shops' credentials at it.
 */
export async function seedTenant(
  db: Database,
  keyring: PiiKeyring,
  shop: { id: string; domain: string },
): Promise<TenantIds> {
  const shopId = shop.id;
  const customer = await insertTestCustomer(db, shopId, {
    emailEnc: encryptPii(keyring, VICTIM_EMAIL, "customers.email"),
    emailHash: emailBlindIndex(keyring, VICTIM_EMAIL),
    joinedAt: new Date(),
  });
  const friend = await insertTestCustomer(db, shopId, { joinedAt: new Date() });
  await db.transaction((tx) =>
    adjustPoints(tx, shopId, {
      customerId: customer.id,
      points: 5_000,
      reason: "seed",
      staffId: "1",
      requestKey: `seed-${randomBytes(4).toString("hex")}`,
      at: new Date(),
    }),
  );

  const [tier] = await db
    .insert(schema.vipTiers)
    .values({ shopId, name: "Gold", threshold: 1_000 })
    .returning();
  const [reward] = await db
    .insert(schema.rewards)
    .values({
      shopId,
      name: "$5 off",
      type: "fixed_amount",
      pointsCost: 500,
      valueMinor: 500,
      currency: "USD",
    })
    .returning();
  const now = new Date();
  const [campaign] = await db
    .insert(schema.campaigns)
    .values({
      shopId,
      name: "Double points",
      type: "multiplier",
      multiplierBp: 20_000,
      startsAt: new Date(now.getTime() - 86_400_000),
      endsAt: new Date(now.getTime() + 86_400_000),
    })
    .returning();
  await db
    .insert(schema.campaignVersions)
    .values({ shopId, campaignId: campaign!.id, version: 1, snapshot: { name: "Double points" } });
  const [rule] = await db.insert(schema.earningRules).values({ shopId, kind: "signup" }).returning();
  await db
    .insert(schema.earningRuleVersions)
    .values({ shopId, ruleId: rule!.id, version: 1, config: { points: 200 } });

  const referralCode = `V${randomBytes(3).toString("hex").toUpperCase()}`;
  const [code] = await db
    .insert(schema.referralCodes)
    .values({ shopId, customerId: customer.id, code: referralCode })
    .returning();
  const [referral] = await db
    .insert(schema.referrals)
    .values({
      shopId,
      referralCodeId: code!.id,
      advocateCustomerId: customer.id,
      friendCustomerId: friend.id,
      status: "flagged",
      fraudScore: 80,
      fraudReasons: ["same_ip"],
    })
    .returning();

  const discountCode = `LN-VICTIM${randomBytes(3).toString("hex").toUpperCase()}`;
  const [redemption] = await db
    .insert(schema.redemptions)
    .values({
      shopId,
      customerId: customer.id,
      rewardId: reward!.id,
      rewardSnapshot: { name: "$5 off" },
      status: "issued",
      pointsSpent: 500,
      valueMinor: 500,
      currency: "USD",
      idempotencyKey: `victim-redeem-${randomBytes(4).toString("hex")}`,
      discountCode,
      issuedAt: now,
      expiresAt: new Date(now.getTime() + 30 * 86_400_000),
    })
    .returning();
  const [gdpr] = await db
    .insert(schema.gdprRequests)
    .values({
      shopId,
      kind: "data_request",
      status: "completed",
      shopifyCustomerId: customer.shopifyCustomerId,
      customerId: customer.id,
      exportEnc: encryptPii(keyring, JSON.stringify({ email: VICTIM_EMAIL }), "gdpr_requests.export"),
      completedAt: now,
    })
    .returning();
  const [delivery] = await db
    .insert(schema.webhookDeliveries)
    .values({
      shopId,
      eventId: `victim-${randomBytes(6).toString("hex")}`,
      webhookId: `victim-${randomBytes(6).toString("hex")}`,
      topic: "orders/paid",
      payload: { id: 1 },
      status: "failed",
      attempts: 3,
      lastError: "seeded failure",
    })
    .returning();
  await db
    .insert(schema.auditLog)
    .values({ shopId, actorType: "staff", actorId: "1", action: "seed", entityType: "shop" });

  return {
    shopId,
    domain: shop.domain,
    customerId: customer.id,
    shopifyCustomerId: String(customer.shopifyCustomerId),
    otherCustomerId: friend.id,
    rewardId: reward!.id,
    tierId: tier!.id,
    campaignId: campaign!.id,
    earningRuleId: rule!.id,
    referralId: referral!.id,
    redemptionId: redemption!.id,
    discountCode,
    gdprRequestId: gdpr!.id,
    webhookDeliveryId: delivery!.id,
    referralCode,
  };
}

/**
 * A fingerprint of every row one shop owns, across every tenant table: equal before and after means
 * nothing of the shop changed. (Tables are found from the catalogue, so a new table is covered.)
 */
export async function shopFingerprint(db: Database, shopId: string): Promise<string> {
  const tables = await db.execute<{ table_name: string }>(sql`
    select table_name from information_schema.columns
    where table_schema = 'public' and column_name = 'shop_id' order by table_name`);
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const [row] = await db.execute<{ digest: string | null }>(
      sql`select md5(string_agg(t::text, '|' order by t::text)) as digest from ${sql.identifier(table_name)} t where t.shop_id = ${shopId}`,
    );
    parts.push(`${table_name}:${row?.digest ?? "-"}`);
  }
  return parts.join("\n");
}
