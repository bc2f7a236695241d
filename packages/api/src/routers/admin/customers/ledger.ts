import { customerLedgerPage, requireShopCustomer } from "../../../services/admin-customers";
import { adminProcedure } from "../../../trpc";
import { pageInput, pageOutput, rowId } from "../../../schemas";
import { ledgerEntrySchema, toLedgerEntry } from "./customer-schemas";

export const ledgerInput = pageInput.extend({ customerId: rowId });
export const ledgerOutput = pageOutput(ledgerEntrySchema);

/** One customer's points ledger, newest first, a page at a time. */
export const ledger = adminProcedure
  .input(ledgerInput)
  .output(ledgerOutput)
  .query(async ({ ctx, input }) => {
    const { db } = ctx.deps.database;
    await requireShopCustomer(db, ctx.shop.id, input.customerId);
    const result = await customerLedgerPage(db, ctx.shop.id, input.customerId, input.cursor, input.limit);
    return { items: result.items.map(toLedgerEntry), nextCursor: result.nextCursor };
  });
