import { z } from "zod";
import { adminProcedure } from "../../../trpc";
import { createEarningRule } from "../../../services/earning-rules";
import { earningRuleOutput, networkSchema, ruleSettingsSchema, toRuleOutput } from "./rule-schemas";

export const createEarningRuleInput = z
  .strictObject({
    settings: ruleSettingsSchema,
    /** Required for a social follow rule (e.g. "instagram"); not allowed for other kinds. */
    network: networkSchema.optional(),
    active: z.boolean().default(true),
  })
  .superRefine((input, issue) => {
    if (input.settings.kind === "social" && input.network === undefined) {
      issue.addIssue({
        code: "custom",
        path: ["network"],
        message: "a social follow rule needs its network, e.g. instagram",
      });
    }
    if (input.settings.kind !== "social" && input.network !== undefined) {
      issue.addIssue({
        code: "custom",
        path: ["network"],
        message: "only social follow rules have a network",
      });
    }
  });

/** A new way to earn, with its settings as version 1 (one rule per kind; per network for social). */
export const create = adminProcedure
  .input(createEarningRuleInput)
  .output(earningRuleOutput)
  .mutation(async ({ ctx, input }) => {
    const rule = await ctx.deps.database.db.transaction((tx) =>
      createEarningRule(tx, ctx, input, ctx.deps.now()),
    );
    return toRuleOutput(rule);
  });
