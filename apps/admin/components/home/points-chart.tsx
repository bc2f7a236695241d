"use client";
import { BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { useQuery } from "@tanstack/react-query";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { CHART_COLORS, ChartBox, monthLabel } from "../analytics/report-parts";
import { ErrorBanner } from "../error-banner";
import { CardSkeleton } from "../skeletons";

/**
 * Points issued and redeemed per month over the last 90 days (the months the 90 shop-local days
 * touch: the 90-day window comes from the holdout report's default range, which is in shop time).
 */
export function PointsChart() {
  const trpc = useTRPC();
  const period = useQuery(trpc.admin.analytics.memberVsHoldout.queryOptions());
  const months = period.data
    ? { from: period.data.range.from.slice(0, 7), to: period.data.range.to.slice(0, 7) }
    : undefined;
  const points = useQuery({
    ...trpc.admin.analytics.pointsByMonth.queryOptions(months ? { range: months } : undefined),
    enabled: Boolean(months),
  });
  const error = period.error ?? points.error;
  if (error)
    return (
      <ErrorBanner
        error={error}
        onRetry={() => {
          void period.refetch();
          void points.refetch();
        }}
        context="the points chart"
      />
    );
  if (!points.data) return <CardSkeleton lines={8} />;
  const data = points.data.months;
  const quiet = data.every((m) => m.issued === 0 && m.redeemed === 0);
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center" gap="200" wrap>
          <Text as="h2" variant="headingMd">
            Points issued and redeemed, last 90 days
          </Text>
          <Text as="p" tone="subdued">
            By month, {monthLabel(points.data.range.from)} – {monthLabel(points.data.range.to)}
          </Text>
        </InlineStack>
        {quiet ? (
          <Text as="p" tone="subdued">
            No points were issued or redeemed in the last 90 days. Points appear here once customers earn
            them.
          </Text>
        ) : (
          <ChartBox
            summary={`Points per month: ${data
              .map((m) => `${monthLabel(m.month)} issued ${m.issued}, redeemed ${m.redeemed}`)
              .join("; ")}.`}
            height={260}
          >
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="month" tickFormatter={(m: string) => monthLabel(m)} />
                <YAxis allowDecimals={false} tickFormatter={(v: number) => formatNumber(v)} width={64} />
                <Tooltip
                  labelFormatter={(m) => monthLabel(String(m))}
                  formatter={(v) => formatNumber(Number(v))}
                />
                <Legend />
                <Bar dataKey="issued" name="Issued" fill={CHART_COLORS.green} isAnimationActive={false} />
                <Bar dataKey="redeemed" name="Redeemed" fill={CHART_COLORS.blue} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </ChartBox>
        )}
      </BlockStack>
    </Card>
  );
}
