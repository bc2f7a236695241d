import type { Metadata } from "next";
import { AdminPage } from "../../../components/admin-page";
import { AdminEmptyState } from "../../../components/empty-state";

export const metadata: Metadata = { title: "Campaigns · LoyalNest" };

export default function CampaignsPage() {
  return (
    <AdminPage title="Campaigns">
      <AdminEmptyState heading="Run time-limited promotions">
        <p>
          Campaigns multiply points or add bonuses for a window of time, for everyone or for chosen tiers and
          segments.
        </p>
      </AdminEmptyState>
    </AdminPage>
  );
}
