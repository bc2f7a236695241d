import type { TenancyCase } from "../../../testing/tenancy-case";

/**
 * RFM procedures take no row ids: another shop's credential reads and writes only its own
 * settings, and its export never holds the victim's customers.
 */
export const tenancyCases: TenancyCase[] = [
  { path: "admin.rfm.settings.get", type: "query", input: () => ({}) },
  {
    path: "admin.rfm.settings.update",
    type: "mutation",
    input: () => ({ windowDays: 180, weights: { rBp: 5000, fBp: 2500, mBp: 2500 } }),
  },
  {
    path: "admin.rfm.export",
    type: "mutation",
    input: () => ({ segment: "inactive", bigSpendersOnly: false }),
  },
];
