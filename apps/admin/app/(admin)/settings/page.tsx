import type { Metadata } from "next";
import { AdminPage } from "../../../components/admin-page";
import { AdminEmptyState } from "../../../components/empty-state";

export const metadata: Metadata = { title: "Settings · LoyalNest" };

export default function SettingsPage() {
  return (
    <AdminPage title="Settings">
      <AdminEmptyState heading="Make the programme yours">
        <p>
          Currency basis, widget branding and position, languages and wording, notifications, GDPR requests,
          operations and your plan.
        </p>
      </AdminEmptyState>
    </AdminPage>
  );
}
