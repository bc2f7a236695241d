import { randomBytes } from "node:crypto";
import type { Executor } from "../client";
import { and, eq } from "drizzle-orm";
import { customers, defaultShopConfig, pointBalances, shopSettings, shops } from "../schema";

/** A shop with default settings, for tests. */
export async function insertTestShop(db: Executor, overrides: Partial<typeof shops.$inferInsert> = {}) {
  const [shop] = await db
    .insert(shops)
    .values({
      domain: `test-${randomBytes(4).toString("hex")}.myshopify.com`,
      name: "Test shop",
      currency: "USD",
      timezone: "UTC",
      ...overrides,
    })
    .returning();
  await db.insert(shopSettings).values({ shopId: shop!.id, config: defaultShopConfig() });
  return shop!;
}

/** A member with a zero balance row, for tests. */
export async function insertTestCustomer(
  db: Executor,
  shopId: string,
  overrides: Partial<typeof customers.$inferInsert> = {},
) {
  const [customer] = await db
    .insert(customers)
    .values({ shopId, shopifyCustomerId: Number.parseInt(randomBytes(5).toString("hex"), 16), ...overrides })
    .returning();
  await db.insert(pointBalances).values({ shopId, customerId: customer!.id });
  return customer!;
}

/** A customer's balance row, as tests assert it. */
export async function balanceOf(db: Executor, shopId: string, customerId: number) {
  const [row] = await db
    .select()
    .from(pointBalances)
    .where(and(eq(pointBalances.shopId, shopId), eq(pointBalances.customerId, customerId)));
  return row!;
}
