import type { TenancyCase } from "../../../testing/tenancy-case";

/** Shop B's customer and tier addressed with shop A's credential: not found, or nothing of B. */
export const tenancyCases: TenancyCase[] = [
  { path: "admin.customers.search", type: "query", input: () => ({ email: "victim.shopper@example.com" }) },
  { path: "admin.customers.detail", type: "query", input: (v) => ({ customerId: v.customerId }) },
  { path: "admin.customers.ledger", type: "query", input: (v) => ({ customerId: v.customerId }) },
  {
    path: "admin.customers.adjustPoints",
    type: "mutation",
    input: (v) => ({
      customerId: v.customerId,
      points: -100,
      reason: "tenancy probe",
      requestKey: "tenancy-adjust-1",
    }),
  },
  {
    path: "admin.customers.pinTier",
    type: "mutation",
    input: (v) => ({ customerId: v.customerId, tierId: v.tierId, requestKey: "tenancy-pin-1" }),
  },
  {
    path: "admin.customers.unpinTier",
    type: "mutation",
    input: (v) => ({ customerId: v.customerId, requestKey: "tenancy-unpin-1" }),
  },
];
