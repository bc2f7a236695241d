"use client";
import { BlockStack, Layout } from "@shopify/polaris";
import { AdminPage } from "../admin-page";
import { KpiCards } from "./kpi-cards";
import { SetupChecklist } from "./setup-checklist";

/** Home: what is left to set up, and how the programme is doing (last 30 days). */
export function HomePage() {
  return (
    <AdminPage title="Home" subtitle="Your loyalty programme at a glance">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <SetupChecklist />
            <KpiCards />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </AdminPage>
  );
}
