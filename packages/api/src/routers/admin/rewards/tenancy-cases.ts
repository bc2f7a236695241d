import type { TenancyCase } from "../../../testing/tenancy-case";

export const tenancyCases: TenancyCase[] = [
  { path: "admin.rewards.list", type: "query", input: () => ({ archived: "include" }) },
  { path: "admin.rewards.get", type: "query", input: (victim) => ({ rewardId: victim.rewardId }) },
  {
    path: "admin.rewards.create",
    type: "mutation",
    input: (victim) => ({
      name: "Gold members: $10 off",
      type: "fixed_amount",
      pointsCost: 1000,
      valueMinor: 1000,
      minTierId: victim.tierId,
    }),
  },
  {
    path: "admin.rewards.update",
    type: "mutation",
    input: (victim) => ({ rewardId: victim.rewardId, pointsCost: 1 }),
  },
  { path: "admin.rewards.archive", type: "mutation", input: (victim) => ({ rewardId: victim.rewardId }) },
];
