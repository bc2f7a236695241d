import type { TenancyCase } from "../../../testing/tenancy-case";

const window = () => {
  const start = new Date(Date.now() + 86_400_000);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 7 * 86_400_000).toISOString() };
};

export const tenancyCases: TenancyCase[] = [
  { path: "admin.campaigns.list", type: "query", input: () => ({ status: "all" }) },
  { path: "admin.campaigns.get", type: "query", input: (victim) => ({ campaignId: victim.campaignId }) },
  {
    path: "admin.campaigns.create",
    type: "mutation",
    input: (victim) => ({
      name: "Gold double points",
      type: "multiplier",
      multiplierBp: 20_000,
      ...window(),
      target: { tierIds: [victim.tierId] },
    }),
  },
  {
    path: "admin.campaigns.update",
    type: "mutation",
    input: (victim) => ({ campaignId: victim.campaignId, name: "Renamed" }),
  },
  {
    path: "admin.campaigns.archive",
    type: "mutation",
    input: (victim) => ({ campaignId: victim.campaignId }),
  },
];
