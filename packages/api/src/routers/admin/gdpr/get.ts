import { z } from "zod";
import { getGdprRequest } from "../../../services/admin-gdpr";
import { adminProcedure } from "../../../trpc";
import { rowId } from "../../../schemas";
import { gdprRequestSchema, toGdprRequest } from "./gdpr-schemas";

export const getInput = z.object({ id: rowId });
export const getOutput = gdprRequestSchema;

/** One GDPR request and its status. */
export const get = adminProcedure
  .input(getInput)
  .output(getOutput)
  .query(async ({ ctx, input }) =>
    toGdprRequest(await getGdprRequest(ctx.deps.database.db, ctx.shop.id, input.id)),
  );
