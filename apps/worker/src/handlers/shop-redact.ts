import { redactShop } from "@loyalnest/db";
import { defineHandler } from "./define-handler";
import { processed } from "./handler-context";

/**
 * `shop/redact` (§13): every row of the shop is deleted — this delivery's own row included, so
 * no status is left behind to update; the job's completion in pg-boss is the record.
 */
export const shopRedactHandler = defineHandler(
  "shop/redact",
  async (ctx) => {
    const steps = await redactShop(ctx.tx, ctx.shopId, ctx.at);
    return processed(`erased ${steps.reduce((total, step) => total + step.rows, 0)} rows`);
  },
  { runsForInactiveShop: true },
);
