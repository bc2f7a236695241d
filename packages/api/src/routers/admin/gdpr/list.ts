import { listGdprRequests } from "../../../services/admin-gdpr";
import { adminProcedure } from "../../../trpc";
import { pageInput, pageOutput } from "../../../schemas";
import { gdprKindSchema, gdprRequestSchema, gdprStatusSchema, toGdprRequest } from "./gdpr-schemas";

export const listInput = pageInput.extend({
  kind: gdprKindSchema.optional(),
  status: gdprStatusSchema.optional(),
});
export const listOutput = pageOutput(gdprRequestSchema);

/** The shop's GDPR requests (data requests, redactions) with their status, newest first. */
export const list = adminProcedure
  .input(listInput)
  .output(listOutput)
  .query(async ({ ctx, input }) => {
    const result = await listGdprRequests(ctx.deps.database.db, ctx.shop.id, input);
    return { items: result.items.map(toGdprRequest), nextCursor: result.nextCursor };
  });
