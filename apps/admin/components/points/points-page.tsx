"use client";
import { Layout } from "@shopify/polaris";
import { AdminPage } from "../admin-page";
import { EarningRulesCard } from "./earning-rules-card";
import { PointsSettingsCard } from "./points-settings-card";
import { RewardsCard } from "./rewards-card";

/** Points: the ways to earn, the rewards catalogue, and how points are named, held and expire. */
export function PointsPage() {
  return (
    <AdminPage
      title="Points"
      subtitle="How customers earn points and what they spend them on"
      primaryAction={{ content: "Add reward", url: "/points/rewards/new" }}
      secondaryActions={[{ content: "Add a way to earn", url: "/points/earning/new" }]}
    >
      <Layout>
        <Layout.AnnotatedSection
          id="ways-to-earn"
          title="Ways to earn"
          description="What customers do to earn points. Each change is saved as a new version, so past awards keep the settings they were made with."
        >
          <EarningRulesCard />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          id="rewards"
          title="Rewards"
          description="What customers can spend their points on. Archived rewards leave the catalogue; codes already issued stay valid."
        >
          <RewardsCard />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          id="points-settings"
          title="Points settings"
          description="What points are called, how long order points wait before they can be spent, and when unused points expire."
        >
          <PointsSettingsCard />
        </Layout.AnnotatedSection>
      </Layout>
    </AdminPage>
  );
}
