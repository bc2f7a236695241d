import type { TenancyCase } from "../../../testing/tenancy-case";

/** Shop B's failed delivery addressed with shop A's credential: not found, not retried. */
export const tenancyCases: TenancyCase[] = [
  { path: "admin.operations.failedWork", type: "query", input: () => ({ limit: 100 }) },
  { path: "admin.operations.retry", type: "mutation", input: (v) => ({ deliveryId: v.webhookDeliveryId }) },
  { path: "admin.operations.retryAll", type: "mutation", input: () => ({}) },
];
