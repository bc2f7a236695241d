import { z } from "zod";
import { rowId, toIso } from "../../../schemas";
import { adminProcedure } from "../../../trpc";
import { earningRuleVersions } from "../../../services/earning-rules";
import { earningRuleOutput, ruleVersionOutput, toRuleOutput } from "./rule-schemas";

export const earningRuleVersionsInput = z.strictObject({
  ruleId: rowId,
  /** Page on: versions older than this one. */
  beforeVersion: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const earningRuleVersionsOutput = z.object({
  rule: earningRuleOutput,
  versions: z.array(ruleVersionOutput),
  nextBeforeVersion: z.number().int().nullable(),
});

/** A rule's history: every version's settings, newest first. */
export const versions = adminProcedure
  .input(earningRuleVersionsInput)
  .output(earningRuleVersionsOutput)
  .query(async ({ ctx, input }) => {
    const result = await earningRuleVersions(ctx.deps.database.db, ctx.shop.id, input);
    return {
      rule: toRuleOutput(result.rule),
      versions: result.versions.map((v) => ({ ...v, createdAt: toIso(v.createdAt) })),
      nextBeforeVersion: result.nextBeforeVersion,
    };
  });
