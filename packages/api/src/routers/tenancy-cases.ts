import type { TenancyCase } from "../testing/tenancy-case";
import { tenancyCases as analytics } from "./admin/analytics/tenancy-cases";
import { tenancyCases as audit } from "./admin/audit/tenancy-cases";
import { tenancyCases as campaigns } from "./admin/campaigns/tenancy-cases";
import { tenancyCases as customers } from "./admin/customers/tenancy-cases";
import { tenancyCases as earningRules } from "./admin/earning-rules/tenancy-cases";
import { tenancyCases as gdpr } from "./admin/gdpr/tenancy-cases";
import { tenancyCases as operations } from "./admin/operations/tenancy-cases";
import { tenancyCases as referrals } from "./admin/referrals/tenancy-cases";
import { tenancyCases as rewards } from "./admin/rewards/tenancy-cases";
import { tenancyCases as rfm } from "./admin/rfm/tenancy-cases";
import { tenancyCases as settings } from "./admin/settings/tenancy-cases";
import { tenancyCases as tiers } from "./admin/tiers/tenancy-cases";
import { tenancyCases as pos } from "./pos/tenancy-cases";
import { tenancyCases as shopper } from "./shopper/tenancy-cases";

/** Every router folder's cases: one per procedure, aimed at the victim shop's rows. */
export const allTenancyCases: TenancyCase[] = [
  ...settings,
  ...earningRules,
  ...campaigns,
  ...rewards,
  ...tiers,
  ...customers,
  ...referrals,
  ...analytics,
  ...rfm,
  ...gdpr,
  ...operations,
  ...audit,
  ...shopper,
  ...pos,
];
