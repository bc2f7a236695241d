import { z } from "zod";
import { rowId } from "../../../schemas";
import { adminProcedure } from "../../../trpc";
import { updateEarningRule } from "../../../services/earning-rules";
import { earningRuleOutput, ruleSettingsSchema, toRuleOutput } from "./rule-schemas";

export const updateEarningRuleInput = z.strictObject({
  ruleId: rowId,
  /** The rule's new settings, in full; `kind` must be the rule's own. */
  settings: ruleSettingsSchema,
});

export const updateEarningRuleOutput = z.object({
  rule: earningRuleOutput,
  /** False when the settings equalled the current version (no new version written). */
  changed: z.boolean(),
});

/** Saves new settings as the rule's next version; earlier versions stay for the ledger's history. */
export const update = adminProcedure
  .input(updateEarningRuleInput)
  .output(updateEarningRuleOutput)
  .mutation(async ({ ctx, input }) => {
    const { rule, changed } = await ctx.deps.database.db.transaction((tx) =>
      updateEarningRule(tx, ctx, input, ctx.deps.now()),
    );
    return { rule: toRuleOutput(rule), changed };
  });
