import { emailBlindIndex, lockBalance } from "@loyalnest/db";
import { ensureCustomer, lockEmail } from "./customer-records";
import { applyConsent, newerCustomerVersionApplied, refreshProfile } from "./customer-updates";
import { defineHandler } from "./define-handler";
import { claimForAccount } from "./guest-claims";
import { ignored, processed } from "./handler-context";

/**
 * `customers/update`: refreshes PII, tags and consent (newsletter points when consent becomes
 * subscribed). An e-mail verified after sign-up claims its guest orders then. A customer LoyalNest
 * has not seen is created (no signup points: those belong to `customers/create`).
 */
export const customersUpdateHandler = defineHandler("customers/update", async (ctx, payload) => {
  const emailHash = payload.email ? emailBlindIndex(ctx.keyring, payload.email) : null;
  if (emailHash) await lockEmail(ctx, emailHash);
  const { row, created } = await ensureCustomer(ctx, payload);
  if (!created && (await newerCustomerVersionApplied(ctx, payload))) {
    return ignored("a newer version of the customer was already applied");
  }
  // Claims first: they lock the claimed orders before the balance, the order every flow keeps.
  if (emailHash && payload.verified_email && payload.created_at) {
    await claimForAccount(ctx, row, { emailHash, emailVerified: true, createdAt: payload.created_at });
  }
  await lockBalance(ctx.tx, ctx.shopId, row.id);
  const customer = created ? row : await refreshProfile(ctx, row, payload);
  await applyConsent(ctx, customer, payload, created);
  return processed();
});
