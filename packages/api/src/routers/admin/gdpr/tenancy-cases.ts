import type { TenancyCase } from "../../../testing/tenancy-case";

/** Shop B's completed data request addressed with shop A's credential: not found, nothing decrypted. */
export const tenancyCases: TenancyCase[] = [
  { path: "admin.gdpr.list", type: "query", input: () => ({ kind: "data_request" }) },
  { path: "admin.gdpr.get", type: "query", input: (v) => ({ id: v.gdprRequestId }) },
  { path: "admin.gdpr.downloadExport", type: "mutation", input: (v) => ({ id: v.gdprRequestId }) },
];
