import type { TenancyCase } from "../../../testing/tenancy-case";

export const tenancyCases: TenancyCase[] = [
  { path: "admin.earningRules.list", type: "query", input: () => ({}) },
  /** No ids to aim at: a create always lands in the caller's own shop. */
  {
    path: "admin.earningRules.create",
    type: "mutation",
    input: () => ({ settings: { kind: "social", points: 50 }, network: "tenancy-check" }),
  },
  {
    path: "admin.earningRules.update",
    type: "mutation",
    input: (victim) => ({ ruleId: victim.earningRuleId, settings: { kind: "signup", points: 999 } }),
  },
  {
    path: "admin.earningRules.setActive",
    type: "mutation",
    input: (victim) => ({ ruleId: victim.earningRuleId, active: false }),
  },
  {
    path: "admin.earningRules.versions",
    type: "query",
    input: (victim) => ({ ruleId: victim.earningRuleId }),
  },
];
