import { router } from "../../../trpc";
import { memberVsHoldout } from "./member-vs-holdout";
import { overview } from "./overview";
import { pointsByMonth } from "./points-by-month";
import { referralFunnel } from "./referral-funnel";
import { segmentDistribution } from "./segment-distribution";
import { tierDistribution } from "./tier-distribution";

/** Programme measurement (§11, §12): read-only reports over the shop's own data, in shop time. */
export const analyticsRouter = router({
  overview,
  pointsByMonth,
  memberVsHoldout,
  referralFunnel,
  tierDistribution,
  segmentDistribution,
});
