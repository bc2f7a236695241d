import type { Metadata } from "next";
import { AdminPage } from "../../../components/admin-page";
import { AdminEmptyState } from "../../../components/empty-state";

export const metadata: Metadata = { title: "Referrals · LoyalNest" };

export default function ReferralsPage() {
  return (
    <AdminPage title="Referrals">
      <AdminEmptyState heading="Turn customers into advocates">
        <p>
          Customers share a link; their friend gets a welcome reward and they earn when the friend places an
          order, with fraud checks on every referral.
        </p>
      </AdminEmptyState>
    </AdminPage>
  );
}
