import { schema } from "@loyalnest/db";
import { balanceOf, insertTestCustomer } from "@loyalnest/db/testing";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../../testing";

let api: ApiHarness;
beforeAll(async () => {
  api = await createApiHarness("admin_referrals");
});
afterAll(async () => api?.close());

let codes = 0;
type Status = (typeof schema.referrals.$inferInsert)["status"];

/** An advocate with a code, and one referral of theirs per status given. */
async function seedReferrals(shopId: string, statuses: NonNullable<Status>[]) {
  const advocate = await insertTestCustomer(api.test.db, shopId, { joinedAt: new Date() });
  const [code] = await api.test.db
    .insert(schema.referralCodes)
    .values({ shopId, customerId: advocate.id, code: `CODE${++codes}` })
    .returning();
  const rows = [];
  for (const status of statuses) {
    const friend = await insertTestCustomer(api.test.db, shopId, { joinedAt: new Date() });
    const [row] = await api.test.db
      .insert(schema.referrals)
      .values({
        shopId,
        referralCodeId: code!.id,
        advocateCustomerId: advocate.id,
        friendCustomerId: friend.id,
        status,
        fraudScore: status === "flagged" ? 70 : 0,
        fraudReasons: status === "flagged" ? ["same_shipping_address"] : [],
      })
      .returning();
    rows.push(row!);
  }
  return { advocate, referrals: rows };
}

const admin = (domain: string) => api.client({ kind: "admin", shop: domain, staffId: "555" });
const referralRow = async (shopId: string, id: number) =>
  (
    await api.test.db
      .select()
      .from(schema.referrals)
      .where(and(eq(schema.referrals.shopId, shopId), eq(schema.referrals.id, id)))
  )[0]!;

describe("admin.referrals.list and reviewQueue", () => {
  it("lists by status, newest first and paginated; the queue holds only flagged ones with score and reasons", async () => {
    const shop = await api.installShop();
    const other = await api.installShop();
    const { advocate, referrals } = await seedReferrals(shop.id, [
      "pending",
      "flagged",
      "completed",
      "flagged",
    ]);
    await seedReferrals(other.id, ["flagged"]);
    const client = admin(shop.domain);

    const all = await client.admin.referrals.list.query({ limit: 3 });
    expect(all.items.map((r) => r.id)).toEqual([referrals[3]!.id, referrals[2]!.id, referrals[1]!.id]);
    const rest = await client.admin.referrals.list.query({ limit: 3, cursor: all.nextCursor! });
    expect(rest.items.map((r) => r.id)).toEqual([referrals[0]!.id]);
    expect(rest.nextCursor).toBeNull();
    const completed = await client.admin.referrals.list.query({ status: "completed" });
    expect(completed.items.map((r) => r.id)).toEqual([referrals[2]!.id]);

    const queue = await client.admin.referrals.reviewQueue.query({});
    expect(queue.items).toEqual([
      expect.objectContaining({
        id: referrals[1]!.id,
        status: "flagged",
        fraudScore: 70,
        fraudReasons: ["same_shipping_address"],
        advocateCustomerId: advocate.id,
        friendCustomerId: referrals[1]!.friendCustomerId,
      }),
      expect.objectContaining({ id: referrals[3]!.id }),
    ]);
  });
});

describe("admin.referrals.review", () => {
  it("approval rewards the advocate once and is audited; the same decision again is a no-op", async () => {
    const shop = await api.installShop();
    const { advocate, referrals } = await seedReferrals(shop.id, ["flagged"]);
    const client = admin(shop.domain);

    const approved = await client.admin.referrals.review.mutate({
      referralId: referrals[0]!.id,
      decision: "approve",
    });
    const again = await client.admin.referrals.review.mutate({
      referralId: referrals[0]!.id,
      decision: "approve",
    });

    expect(approved).toMatchObject({
      outcome: "approved",
      referral: { id: referrals[0]!.id, status: "approved", reviewedBy: "555", advocatePointsAwarded: 500 },
      advocateRewardId: null,
    });
    expect(again.outcome).toBe("duplicate");
    expect((await balanceOf(api.test.db, shop.id, advocate.id)).available).toBe(500);
    const audits = await api.test.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.shopId, shop.id));
    expect(audits).toEqual([
      expect.objectContaining({
        action: "referral.approve",
        entityType: "referral",
        entityId: String(referrals[0]!.id),
      }),
    ]);
  });

  it("rejection rewards no one", async () => {
    const shop = await api.installShop();
    const { advocate, referrals } = await seedReferrals(shop.id, ["flagged"]);
    const result = await admin(shop.domain).admin.referrals.review.mutate({
      referralId: referrals[0]!.id,
      decision: "reject",
    });
    expect(result.outcome).toBe("rejected");
    expect((await balanceOf(api.test.db, shop.id, advocate.id)).available).toBe(0);
    expect((await referralRow(shop.id, referrals[0]!.id)).status).toBe("rejected");
  });

  it("a referral not awaiting review is a readable 409 and stays as it was", async () => {
    const shop = await api.installShop();
    const { referrals } = await seedReferrals(shop.id, ["completed"]);
    const result = await api.call({
      path: "admin.referrals.review",
      type: "mutation",
      input: { referralId: referrals[0]!.id, decision: "reject" },
      credential: { kind: "admin", shop: shop.domain },
    });
    expect(result.status).toBe(409);
    expect(JSON.stringify(result.body)).toContain("this one is completed");
    expect((await referralRow(shop.id, referrals[0]!.id)).status).toBe("completed");
  });

  it("another shop's referral is not found and neither reviewed nor rewarded", async () => {
    const shop = await api.installShop();
    const other = await api.installShop();
    const { advocate, referrals } = await seedReferrals(other.id, ["flagged"]);
    const result = await api.call({
      path: "admin.referrals.review",
      type: "mutation",
      input: { referralId: referrals[0]!.id, decision: "approve" },
      credential: { kind: "admin", shop: shop.domain },
    });
    expect(result.status).toBe(404);
    expect(JSON.stringify(result.body)).toContain("Referral not found.");
    expect((await referralRow(other.id, referrals[0]!.id)).status).toBe("flagged");
    expect((await balanceOf(api.test.db, other.id, advocate.id)).available).toBe(0);
  });
});
