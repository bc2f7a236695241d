"use client";
import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import { useQuery } from "@tanstack/react-query";
import { formatBasisPoints, formatMoney, formatNumber } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { ErrorBanner } from "../error-banner";
import { MetricCardsSkeleton } from "../skeletons";

/** Members, points issued and redeemed (last 30 days) and the outstanding liability. */
export function KpiCards() {
  const trpc = useTRPC();
  const overview = useQuery(trpc.admin.analytics.overview.queryOptions());
  if (overview.isPending) return <MetricCardsSkeleton count={4} />;
  if (overview.isError)
    return (
      <ErrorBanner
        error={overview.error}
        onRetry={() => void overview.refetch()}
        context="your programme's figures"
      />
    );
  const o = overview.data;
  return (
    <BlockStack gap="200">
      <Text as="h2" variant="headingMd">
        Last 30 days
      </Text>
      <InlineGrid columns={{ xs: 1, sm: 2, lg: 4 }} gap="400">
        <Metric
          label="Members"
          value={formatNumber(o.members)}
          caption={`${formatNumber(o.activeMembers)} active in the last 30 days`}
        />
        <Metric
          label="Points issued"
          value={formatNumber(o.pointsIssued)}
          caption={`${formatNumber(o.outstandingPoints)} points outstanding`}
        />
        <Metric
          label="Points redeemed"
          value={formatNumber(o.pointsRedeemed)}
          caption={
            o.redemptionRateBp === null
              ? "No points issued in this period"
              : `${formatBasisPoints(o.redemptionRateBp)} of points issued`
          }
        />
        <Metric
          label="Outstanding liability"
          value={o.liability ? formatMoney(o.liability.amountMinor, o.liability.currency) : "Not valued"}
          caption={
            o.liability
              ? `Valued at “${o.liability.valuation.rewardName}”, your best value per point`
              : "Add a reward with a money value to value outstanding points"
          }
        />
      </InlineGrid>
    </BlockStack>
  );
}

function Metric({ label, value, caption }: { label: string; value: string; caption: string }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="heading2xl">
          {value}
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          {caption}
        </Text>
      </BlockStack>
    </Card>
  );
}
