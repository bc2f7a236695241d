import type { CampaignTarget } from "./campaign";

/** What targeting looks at for one order's customer. */
export interface CampaignAudience {
  /** The tier held when the order was placed. */
  tierId: string | null;
  rfmSegment: string | null;
  /** ISO 3166-1 alpha-2 of the order's shipping address (billing when nothing ships). */
  countryCode: string | null;
  customerTags: readonly string[];
}

const norm = (s: string) => s.trim().toLowerCase();

/** Whether a campaign's target includes this customer. Tags, segments and countries ignore case. */
export function isTargeted(target: CampaignTarget, audience: CampaignAudience): boolean {
  switch (target.kind) {
    case "everyone":
      return true;
    case "tiers":
      return audience.tierId !== null && target.tierIds.includes(audience.tierId);
    case "rfm_segments":
      return (
        audience.rfmSegment !== null &&
        target.segments.some((s) => norm(s) === norm(audience.rfmSegment ?? ""))
      );
    case "countries":
      return (
        audience.countryCode !== null &&
        target.countryCodes.some((c) => norm(c) === norm(audience.countryCode ?? ""))
      );
    case "customer_tags": {
      const tags = new Set(audience.customerTags.map(norm));
      return target.tags.some((t) => tags.has(norm(t)));
    }
  }
}
