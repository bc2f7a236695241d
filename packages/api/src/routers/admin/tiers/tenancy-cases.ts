import type { TenancyCase } from "../../../testing/tenancy-case";

/** Another shop's tier id in the ladder (its reward ids are covered in tiers.test.ts). */
const ladder = (victim: { tierId: number }) => ({
  tiers: [
    { id: victim.tierId, name: "Gold", threshold: 1 },
    { name: "Platinum", threshold: 5_000 },
  ],
});

export const tenancyCases: TenancyCase[] = [
  { path: "admin.tiers.list", type: "query", input: () => ({}) },
  { path: "admin.tiers.preview", type: "query", input: ladder },
  { path: "admin.tiers.save", type: "mutation", input: ladder },
];
