import { emailBlindIndex, lockBalance } from "@loyalnest/db";
import { awardSignup } from "./action-awards";
import { ensureCustomer, lockEmail } from "./customer-records";
import { applyConsent, newerCustomerVersionApplied, refreshProfile } from "./customer-updates";
import { defineHandler } from "./define-handler";
import { claimForAccount } from "./guest-claims";
import { processed } from "./handler-context";

/**
 * `customers/create`: the customer (encrypted PII, membership per the shop's mode), the signup
 * points (§4, once), consent and newsletter points, then — with a verified e-mail — the guest
 * orders of that address from the last 30 days (§3).
 */
export const customersCreateHandler = defineHandler("customers/create", async (ctx, payload) => {
  const emailHash = payload.email ? emailBlindIndex(ctx.keyring, payload.email) : null;
  if (emailHash) await lockEmail(ctx, emailHash);
  const { row, created } = await ensureCustomer(ctx, payload);
  const createdAt = payload.created_at ?? ctx.at;
  // Claims first: they lock the claimed orders before the balance, the order every flow keeps.
  const claims =
    emailHash && payload.verified_email
      ? await claimForAccount(ctx, row, { emailHash, emailVerified: true, createdAt })
      : [];
  await lockBalance(ctx.tx, ctx.shopId, row.id);
  // Created earlier by one of their orders: this is the account's own record, newer unless a later update was applied.
  const customer =
    created || (await newerCustomerVersionApplied(ctx, payload))
      ? row
      : await refreshProfile(ctx, row, payload);
  await applyConsent(ctx, customer, payload, created);
  const signup = await awardSignup(ctx, customer, createdAt);
  return processed(`signup ${signup}; claimed ${claims.length} guest orders`);
});
