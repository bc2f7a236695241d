import { router } from "../../trpc";
import { settingsRouter } from "./settings";
import { earningRulesRouter } from "./earning-rules";
import { campaignsRouter } from "./campaigns";
import { rewardsRouter } from "./rewards";
import { tiersRouter } from "./tiers";
import { customersRouter } from "./customers";
import { referralsRouter } from "./referrals";
import { analyticsRouter } from "./analytics";
import { rfmRouter } from "./rfm";
import { gdprRouter } from "./gdpr";
import { operationsRouter } from "./operations";
import { auditRouter } from "./audit";

/** Everything the embedded admin does, one sub-router per domain, one file per procedure. */
export const adminRouter = router({
  settings: settingsRouter,
  earningRules: earningRulesRouter,
  campaigns: campaignsRouter,
  rewards: rewardsRouter,
  tiers: tiersRouter,
  customers: customersRouter,
  referrals: referralsRouter,
  analytics: analyticsRouter,
  rfm: rfmRouter,
  gdpr: gdprRouter,
  operations: operationsRouter,
  audit: auditRouter,
});
