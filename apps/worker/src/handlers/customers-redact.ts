import { redactCustomer } from "@loyalnest/db";
import { findCustomerByShopifyId } from "./customer-records";
import { defineHandler } from "./define-handler";
import { completeGdprRequest, openGdprRequest } from "./gdpr-requests";
import { processed } from "./handler-context";

/**
 * `customers/redact` (§13): personal data erased, the ledger kept on an anonymous tombstone. A
 * request for a customer LoyalNest never knew completes with nothing to do.
 */
export const customersRedactHandler = defineHandler(
  "customers/redact",
  async (ctx, payload) => {
    const customer = await findCustomerByShopifyId(ctx, payload.customer.id);
    const request = await openGdprRequest(ctx, {
      kind: "customer_redact",
      shopifyCustomerId: payload.customer.id,
      customerId: customer?.id ?? null,
      orders: payload.orders_to_redact,
      shopifyRequestId: null,
    });
    if (!customer) {
      await completeGdprRequest(ctx, request.id);
      return processed("unknown customer: nothing to erase");
    }
    const result = await redactCustomer(ctx.tx, ctx.shopId, customer.id, ctx.at);
    await completeGdprRequest(ctx, request.id);
    return processed(result.alreadyRedacted ? "already redacted" : "redacted");
  },
  { runsForInactiveShop: true },
);
