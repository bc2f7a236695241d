import type { Metadata } from "next";
import { AdminPage } from "../../../components/admin-page";
import { AdminEmptyState } from "../../../components/empty-state";

export const metadata: Metadata = { title: "Points · LoyalNest" };

export default function PointsPage() {
  return (
    <AdminPage title="Points">
      <AdminEmptyState heading="Reward customers for every purchase">
        <p>
          Choose how customers earn points — orders, sign-ups, birthdays, reviews — and what they can redeem
          them for: discounts, free shipping, free products or store credit.
        </p>
      </AdminEmptyState>
    </AdminPage>
  );
}
