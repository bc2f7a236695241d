import { schema } from "@loyalnest/db";
import { z } from "zod";
import { adminProcedure } from "../../../trpc";
import { listEarningRules } from "../../../services/earning-rules";
import { earningRuleOutput, toRuleOutput } from "./rule-schemas";

export const listEarningRulesInput = z
  .strictObject({ kind: z.enum(schema.earningRuleKind.enumValues).optional() })
  .optional();

export const listEarningRulesOutput = z.object({ items: z.array(earningRuleOutput) });

/** Every earning rule of the shop (at most one per kind, per network for social), with its current settings. */
export const list = adminProcedure
  .input(listEarningRulesInput)
  .output(listEarningRulesOutput)
  .query(async ({ ctx, input }) => {
    const rules = await listEarningRules(ctx.deps.database.db, ctx.shop.id, input?.kind);
    return { items: rules.map(toRuleOutput) };
  });
