import { schema } from "@loyalnest/db";
import { DEFAULT_ACTION_POINTS } from "@loyalnest/domain";
import { and, asc, eq } from "drizzle-orm";
import type { HandlerContext } from "./handler-context";

const { earningRules, earningRuleVersions, pointsLedger } = schema;

export interface ActionRule {
  points: number;
  ruleId: number | null;
  ruleVersion: number | null;
}

/**
 * The points a shop gives for a one-off action (signup, newsletter): its rule's current version
 * (`config.points`), the spec's default when the shop never configured one, and null when the
 * merchant switched the rule off.
 */
export async function actionRule(
  ctx: HandlerContext,
  kind: "signup" | "newsletter",
): Promise<ActionRule | null> {
  const [rule] = await ctx.tx
    .select({
      id: earningRules.id,
      active: earningRules.active,
      version: earningRules.currentVersion,
      config: earningRuleVersions.config,
    })
    .from(earningRules)
    .leftJoin(
      earningRuleVersions,
      and(
        eq(earningRuleVersions.shopId, earningRules.shopId),
        eq(earningRuleVersions.ruleId, earningRules.id),
        eq(earningRuleVersions.version, earningRules.currentVersion),
      ),
    )
    .where(and(eq(earningRules.shopId, ctx.shopId), eq(earningRules.kind, kind)))
    .orderBy(asc(earningRules.id))
    .limit(1);
  const fallback = DEFAULT_ACTION_POINTS[kind];
  if (!rule) return { points: fallback, ruleId: null, ruleVersion: null };
  if (!rule.active) return null;
  const configured = (rule.config as { points?: unknown } | null)?.points;
  const points = typeof configured === "number" && Number.isSafeInteger(configured) ? configured : fallback;
  return points > 0 ? { points, ruleId: rule.id, ruleVersion: rule.version } : null;
}

/** Whether a ledger row with this idempotency key exists (an award already given). */
export async function ledgerKeyExists(ctx: HandlerContext, idempotencyKey: string): Promise<boolean> {
  const [row] = await ctx.tx
    .select({ id: pointsLedger.id })
    .from(pointsLedger)
    .where(and(eq(pointsLedger.shopId, ctx.shopId), eq(pointsLedger.idempotencyKey, idempotencyKey)));
  return row !== undefined;
}
