import type { Metadata } from "next";
import { AdminPage } from "../../../components/admin-page";
import { AdminEmptyState } from "../../../components/empty-state";

export const metadata: Metadata = { title: "VIP tiers · LoyalNest" };

export default function VipTiersPage() {
  return (
    <AdminPage title="VIP tiers">
      <AdminEmptyState heading="Give your best customers more">
        <p>
          VIP tiers reward the customers who spend or earn the most with bigger point multipliers, perks and a
          welcome bonus when they reach each tier.
        </p>
      </AdminEmptyState>
    </AdminPage>
  );
}
