import { encryptPii, exportCustomerData } from "@loyalnest/db";
import { findCustomerByShopifyId } from "./customer-records";
import { defineHandler } from "./define-handler";
import { completeGdprRequest, openGdprRequest } from "./gdpr-requests";
import { processed } from "./handler-context";

/**
 * `customers/data_request` (§13): everything LoyalNest holds about the customer, built by
 * `exportCustomerData`, stored encrypted (`export_enc`) for the merchant to download. A customer
 * LoyalNest never knew gets an export that says so.
 */
export const customersDataRequestHandler = defineHandler(
  "customers/data_request",
  async (ctx, payload) => {
    const customer = await findCustomerByShopifyId(ctx, payload.customer.id);
    const request = await openGdprRequest(ctx, {
      kind: "data_request",
      shopifyCustomerId: payload.customer.id,
      customerId: customer?.id ?? null,
      orders: payload.orders_requested,
      shopifyRequestId: payload.data_request ? String(payload.data_request.id) : null,
    });
    if (request.status === "completed") return processed("already completed");
    const document = customer
      ? await exportCustomerData(ctx.tx, ctx.shopId, customer.id, ctx.keyring, ctx.at)
      : {
          shopifyCustomerId: payload.customer.id,
          generatedAt: ctx.at,
          note: "LoyalNest holds no data about this customer",
        };
    await completeGdprRequest(
      ctx,
      request.id,
      encryptPii(ctx.keyring, JSON.stringify(document), "gdpr_requests.export"),
    );
    return processed(customer ? "exported" : "nothing held");
  },
  { runsForInactiveShop: true },
);
