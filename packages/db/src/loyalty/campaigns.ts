import type { Campaign, CampaignTarget } from "@loyalnest/domain";
import { and, eq, gt, isNull, lte } from "drizzle-orm";
import type { Transaction } from "../client";
import { campaigns } from "../schema";

type CampaignRow = typeof campaigns.$inferSelect;

/** The shop's campaigns whose window contains `at` (start inclusive, end exclusive), as domain campaigns. */
export async function campaignsActiveAt(tx: Transaction, shopId: string, at: Date): Promise<Campaign[]> {
  const rows = await tx
    .select()
    .from(campaigns)
    .where(
      and(
        eq(campaigns.shopId, shopId),
        eq(campaigns.active, true),
        isNull(campaigns.archivedAt),
        lte(campaigns.startsAt, at),
        gt(campaigns.endsAt, at),
      ),
    );
  return rows.map(toDomainCampaign);
}

export function toDomainCampaign(row: CampaignRow): Campaign {
  const common = {
    id: String(row.id),
    version: row.currentVersion,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    target: toDomainTarget(row.target),
  };
  return row.type === "multiplier"
    ? { ...common, type: "multiplier", multiplierBp: row.multiplierBp ?? 10_000 }
    : { ...common, type: "fixed_bonus", bonusPoints: row.bonusPoints ?? 0, minOrderMinor: row.minOrderMinor };
}

/** The stored target names at most one audience kind; an empty target means everyone. */
function toDomainTarget(target: CampaignRow["target"]): CampaignTarget {
  if (target.tierIds?.length) return { kind: "tiers", tierIds: target.tierIds.map(String) };
  if (target.segments?.length) return { kind: "rfm_segments", segments: target.segments };
  if (target.countries?.length) return { kind: "countries", countryCodes: target.countries };
  if (target.customerTags?.length) return { kind: "customer_tags", tags: target.customerTags };
  return { kind: "everyone" };
}
