import type { TenancyCase } from "../../../testing/tenancy-case";
import { lastDays, lastMonths } from "../../../services/analytics/range";

/**
 * The reports take no ids, only ranges: called with another shop's credential over the days the
 * victim's rows were seeded, they must show none of the victim's data.
 */
const days = () => ({ range: lastDays(new Date(), "UTC", 30) });
const months = () => ({ range: lastMonths(new Date(), "UTC", 12) });

export const tenancyCases: TenancyCase[] = [
  { path: "admin.analytics.overview", type: "query", input: days },
  { path: "admin.analytics.pointsByMonth", type: "query", input: months },
  { path: "admin.analytics.memberVsHoldout", type: "query", input: days },
  { path: "admin.analytics.referralFunnel", type: "query", input: days },
  { path: "admin.analytics.tierDistribution", type: "query", input: months },
  { path: "admin.analytics.segmentDistribution", type: "query", input: days },
];
