import { z } from "zod";
import { rowId } from "../../../schemas";
import { adminProcedure } from "../../../trpc";
import { setEarningRuleActive } from "../../../services/earning-rules";
import { earningRuleOutput, toRuleOutput } from "./rule-schemas";

export const setEarningRuleActiveInput = z.strictObject({ ruleId: rowId, active: z.boolean() });

/** Switches a rule on or off; an inactive rule awards nothing. */
export const setActive = adminProcedure
  .input(setEarningRuleActiveInput)
  .output(earningRuleOutput)
  .mutation(async ({ ctx, input }) => {
    const rule = await ctx.deps.database.db.transaction((tx) =>
      setEarningRuleActive(tx, ctx, input, ctx.deps.now()),
    );
    return toRuleOutput(rule);
  });
