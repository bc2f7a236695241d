"use client";
import { BlockStack, Layout } from "@shopify/polaris";
import { AdminPage } from "../admin-page";
import { HoldoutCard } from "./holdout-card";
import { KpiCards } from "./kpi-cards";
import { PointsChart } from "./points-chart";
import { SetupChecklist } from "./setup-checklist";

/** Home: what is left to set up, and how the programme is doing (last 30 and 90 days). */
export function HomePage() {
  return (
    <AdminPage title="Home" subtitle="Your loyalty programme at a glance">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <SetupChecklist />
            <KpiCards />
            <HoldoutCard />
            <PointsChart />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </AdminPage>
  );
}
