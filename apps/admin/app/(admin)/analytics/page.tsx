import type { Metadata } from "next";
import { AdminPage } from "../../../components/admin-page";
import { AdminEmptyState } from "../../../components/empty-state";

export const metadata: Metadata = { title: "Analytics · LoyalNest" };

export default function AnalyticsPage() {
  return (
    <AdminPage title="Analytics">
      <AdminEmptyState heading="Measure what your programme earns">
        <p>
          Member and holdout revenue, points issued and redeemed, liability by month, tier and segment
          movement and the referral funnel, each exportable as CSV.
        </p>
      </AdminEmptyState>
    </AdminPage>
  );
}
