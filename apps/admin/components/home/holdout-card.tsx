"use client";
import { Badge, BlockStack, Box, Button, Card, InlineGrid, InlineStack, Text } from "@shopify/polaris";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { formatBasisPoints, formatMoney, formatNumber } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { ErrorBanner } from "../error-banner";
import { CardSkeleton } from "../skeletons";

/** Revenue from members vs the holdout group over the last 90 days, with the incremental revenue's interval. */
export function HoldoutCard() {
  const trpc = useTRPC();
  const report = useQuery(trpc.admin.analytics.memberVsHoldout.queryOptions());
  if (report.isPending) return <CardSkeleton lines={4} />;
  if (report.isError)
    return (
      <ErrorBanner
        error={report.error}
        onRetry={() => void report.refetch()}
        context="revenue from members and the holdout group"
      />
    );
  const r = report.data;
  const money = (minor: number) => formatMoney(Math.round(minor), r.currency);
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center" gap="200" wrap>
          <Text as="h2" variant="headingMd">
            Revenue: members vs holdout, last 90 days
          </Text>
          <Button url="/analytics" variant="plain" accessibilityLabel="Open the members vs holdout report">
            View report
          </Button>
        </InlineStack>
        <InlineGrid columns={{ xs: 1, sm: 3 }} gap="400">
          <Figure
            label="Member revenue"
            value={money(r.members.revenueMinor)}
            caption={
              r.members.revenuePerCustomerMinor
                ? `${money(r.members.revenuePerCustomerMinor.value)} per customer (${formatNumber(r.members.customers)} customers)`
                : `${formatNumber(r.members.customers)} customers`
            }
          />
          <Figure
            label="Holdout revenue"
            value={money(r.holdout.revenueMinor)}
            caption={
              r.holdout.revenuePerCustomerMinor
                ? `${money(r.holdout.revenuePerCustomerMinor.value)} per customer (${formatNumber(r.holdout.customers)} customers)`
                : `${formatNumber(r.holdout.customers)} customers`
            }
          />
          {r.comparison ? (
            <Figure
              label="Incremental revenue"
              value={money(r.comparison.incrementalRevenueMinor.value)}
              caption={`95% confidence: ${money(r.comparison.incrementalRevenueMinor.low)} to ${money(r.comparison.incrementalRevenueMinor.high)}${
                r.comparison.revenueLiftBp === null
                  ? ""
                  : ` · ${formatBasisPoints(r.comparison.revenueLiftBp)} lift`
              }`}
              badge={
                r.comparison.significant ? (
                  <Badge tone="success">Significant</Badge>
                ) : (
                  <Badge tone="attention">Not significant yet</Badge>
                )
              }
            />
          ) : (
            <Figure
              label="Incremental revenue"
              value="Not enough data"
              caption={
                r.message ??
                `Each group needs at least ${formatNumber(r.minimumGroupSize)} customers for a fair comparison.`
              }
            />
          )}
        </InlineGrid>
        {!r.enoughData && r.holdout.customers < r.minimumGroupSize ? (
          <InlineStack gap="200" blockAlign="center" wrap>
            <Text as="p" tone="subdued">
              Hold out a share of customers to measure what the programme adds.
            </Text>
            <Button url="/settings">Set the holdout share</Button>
          </InlineStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}

function Figure({
  label,
  value,
  caption,
  badge,
}: {
  label: string;
  value: string;
  caption: string;
  badge?: ReactNode;
}) {
  return (
    <Box minWidth="0">
      <BlockStack gap="100">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h3" variant="headingSm" tone="subdued">
            {label}
          </Text>
          {badge}
        </InlineStack>
        <Text as="p" variant="headingXl">
          {value}
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          {caption}
        </Text>
      </BlockStack>
    </Box>
  );
}
