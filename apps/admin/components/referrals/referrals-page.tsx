"use client";
import { BlockStack, Layout } from "@shopify/polaris";
import { AdminPage } from "../admin-page";
import { ReferralFunnel } from "./referral-funnel";
import { ReferralList } from "./referral-list";
import { ReferralSettings } from "./referral-settings";
import { ReviewQueue } from "./review-queue";

/** Referrals: flagged referrals to review, the funnel, every referral, and the programme's settings. */
export function ReferralsPage() {
  return (
    <AdminPage
      title="Referrals"
      subtitle="Turn customers into advocates, with fraud checks on every referral"
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <ReviewQueue />
            <ReferralFunnel />
            <ReferralList />
          </BlockStack>
        </Layout.Section>
        <ReferralSettings />
      </Layout>
    </AdminPage>
  );
}
