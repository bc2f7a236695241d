import type { TenancyCase } from "../../../testing/tenancy-case";

/** Shop B's audit rows (about B's customer) asked for with shop A's credential: an empty list. */
export const tenancyCases: TenancyCase[] = [
  {
    path: "admin.audit.list",
    type: "query",
    input: (v) => ({ entityType: "customer", entityId: String(v.customerId) }),
  },
];
