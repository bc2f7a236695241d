import type { Metadata } from "next";
import { AdminPage } from "../../../components/admin-page";
import { AdminEmptyState } from "../../../components/empty-state";

export const metadata: Metadata = { title: "Customers · LoyalNest" };

export default function CustomersPage() {
  return (
    <AdminPage title="Customers">
      <AdminEmptyState heading="Every member, their balance and their history">
        <p>
          Search members by name or email, see balances, tiers and segments, and adjust points or pin a tier
          with a recorded reason.
        </p>
      </AdminEmptyState>
    </AdminPage>
  );
}
