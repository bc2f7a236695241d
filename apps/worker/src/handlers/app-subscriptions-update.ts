import { schema } from "@loyalnest/db";
import { eq } from "drizzle-orm";
import { defineHandler } from "./define-handler";
import { ignored, processed } from "./handler-context";

const { shops } = schema;
type Plan = (typeof shops.$inferSelect)["plan"];

/** The paid plans by the name their subscription was created with (§17: $29, $49, $99). */
function planOfSubscription(name: string): Plan | null {
  const lower = name.toLowerCase();
  for (const plan of ["starter", "growth", "pro"] as const) {
    if (new RegExp(`\\b${plan}\\b`).test(lower)) return plan;
  }
  return null;
}

/**
 * `app_subscriptions/update`: an ACTIVE subscription sets the shop's plan; when the current
 * subscription ends (cancelled, declined, expired) the shop is back on Free. A non-active state of
 * some other subscription (e.g. a declined upgrade) leaves the current plan alone.
 */
export const appSubscriptionsUpdateHandler = defineHandler(
  "app_subscriptions/update",
  async (ctx, payload) => {
    const subscription = payload.app_subscription;
    const id = String(subscription.admin_graphql_api_id);
    const [shop] = await ctx.tx
      .select({ subscriptionId: shops.subscriptionId })
      .from(shops)
      .where(eq(shops.id, ctx.shopId))
      .for("update");
    if (!shop) return ignored("the shop no longer exists");
    if (subscription.status === "ACTIVE") {
      const plan = planOfSubscription(subscription.name);
      if (!plan) return ignored(`subscription "${subscription.name}" names no LoyalNest plan`);
      await ctx.tx
        .update(shops)
        .set({ plan, subscriptionId: id, subscriptionStatus: "active" })
        .where(eq(shops.id, ctx.shopId));
      return processed(`plan ${plan}`);
    }
    if (shop.subscriptionId !== id) return ignored(`subscription ${id} is not the shop's current one`);
    const ended = ["CANCELLED", "DECLINED", "EXPIRED"].includes(subscription.status);
    await ctx.tx
      .update(shops)
      .set({
        subscriptionStatus: subscription.status.toLowerCase(),
        ...(ended ? { plan: "free" as const } : {}),
      })
      .where(eq(shops.id, ctx.shopId));
    return processed(subscription.status.toLowerCase());
  },
  { runsForInactiveShop: true },
);
