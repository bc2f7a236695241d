"use client";
import { Badge, BlockStack, DataTable, Text } from "@shopify/polaris";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { downloadCsv, toCsv } from "../../lib/download";
import { formatBasisPoints, formatNumber } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { ErrorBanner } from "../error-banner";
import { CardSkeleton } from "../skeletons";
import {
  CHART_COLORS,
  ChartBox,
  RangeFields,
  ReportCard,
  ReportEmpty,
  monthLabel,
  rangeLabel,
  type Range,
} from "./report-parts";

/** Members per VIP tier now, and how many moved up or down each month. */
export function TierReport() {
  const trpc = useTRPC();
  const [range, setRange] = useState<Range | undefined>();
  const report = useQuery({
    ...trpc.admin.analytics.tierDistribution.queryOptions(range ? { range } : undefined),
    placeholderData: keepPreviousData,
  });

  if (report.isPending) return <CardSkeleton lines={10} />;
  if (report.isError && !report.data)
    return (
      <ErrorBanner error={report.error} onRetry={() => void report.refetch()} context="the tier report" />
    );
  const data = report.data;
  const share = (n: number) =>
    data.members ? formatBasisPoints(Math.round((n / data.members) * 10_000)) : "–";
  const rows = [
    ...data.tiers.map((t) => ({
      name: t.name,
      threshold: t.threshold,
      active: t.active,
      customers: t.customers,
    })),
    { name: "No tier", threshold: null, active: true, customers: data.noTier },
  ];

  const exportCsv = () => {
    const distribution = toCsv(
      ["Tier", "Threshold", "Active", "Members", "Share of members (%)"],
      rows.map((r) => [
        r.name,
        r.threshold,
        r.active ? "yes" : "no",
        r.customers,
        data.members ? Number(((r.customers / data.members) * 100).toFixed(1)) : 0,
      ]),
    );
    const movements = toCsv(
      ["Month", "Moved up", "Moved down"],
      data.movements.map((m) => [m.month, m.up, m.down]),
    );
    downloadCsv(`tiers-${data.range.from}-to-${data.range.to}.csv`, `${distribution}\r\n${movements}`);
  };

  return (
    <BlockStack gap="400">
      <ReportCard
        title="VIP tiers"
        description="How many members sit in each tier today."
        onExport={exportCsv}
        exportDisabled={data.members === 0}
      >
        {data.tiers.length === 0 ? (
          <ReportEmpty heading="No VIP tiers yet" action={{ content: "Set up tiers", url: "/tiers" }}>
            <p>
              Create tiers to reward your best customers; this report then shows how members spread across
              them.
            </p>
          </ReportEmpty>
        ) : (
          <BlockStack gap="400">
            <ChartBox
              summary={`Members per tier: ${rows.map((r) => `${r.name} ${r.customers}`).join(", ")}.`}
              height={240}
            >
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                  <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => formatNumber(v)} />
                  <YAxis type="category" dataKey="name" width={90} tick={{ fontSize: 12 }} />
                  <Tooltip formatter={(v) => formatNumber(Number(v))} />
                  <Bar
                    dataKey="customers"
                    name="Members"
                    fill={CHART_COLORS.purple}
                    isAnimationActive={false}
                  />
                </BarChart>
              </ResponsiveContainer>
            </ChartBox>
            <DataTable
              columnContentTypes={["text", "numeric", "numeric", "numeric"]}
              headings={["Tier", "Threshold", "Members", "Share"]}
              rows={rows.map((r) => [
                r.active ? (
                  r.name
                ) : (
                  <span key={r.name}>
                    {r.name} <Badge>Inactive</Badge>
                  </span>
                ),
                r.threshold === null ? "–" : formatNumber(r.threshold),
                formatNumber(r.customers),
                share(r.customers),
              ])}
              totals={["", "", formatNumber(data.members), data.members ? formatBasisPoints(10_000) : "–"]}
              showTotalsInFooter
              totalsName={{ singular: "Members", plural: "Members" }}
            />
          </BlockStack>
        )}
      </ReportCard>

      <ReportCard
        title="Tier movements"
        description={`Members who moved up or down a tier each month, ${rangeLabel(data.range, "month")}.`}
        controls={
          <BlockStack gap="200">
            <RangeFields kind="month" value={range ?? data.range} onApply={setRange} />
            {report.isError ? (
              <ErrorBanner error={report.error} onRetry={() => void report.refetch()} context="that period" />
            ) : null}
          </BlockStack>
        }
      >
        {data.movements.every((m) => m.up === 0 && m.down === 0) ? (
          <Text as="p" tone="subdued">
            No member changed tier in this period.
          </Text>
        ) : (
          <BlockStack gap="400">
            <ChartBox summary={`Tier moves up and down per month, ${rangeLabel(data.range, "month")}.`}>
              <ResponsiveContainer width="100%" height="100%">
                <BarChart
                  data={data.movements.map((m) => ({ ...m, down: -m.down }))}
                  margin={{ top: 8, right: 8, bottom: 8, left: 0 }}
                  stackOffset="sign"
                >
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="month" tickFormatter={(m: string) => monthLabel(m)} minTickGap={16} />
                  <YAxis allowDecimals={false} tickFormatter={(v: number) => formatNumber(v)} width={48} />
                  <Tooltip
                    labelFormatter={(m) => monthLabel(String(m))}
                    formatter={(v) => formatNumber(Math.abs(Number(v)))}
                  />
                  <Legend />
                  <Bar
                    dataKey="up"
                    name="Moved up"
                    stackId="m"
                    fill={CHART_COLORS.green}
                    isAnimationActive={false}
                  />
                  <Bar
                    dataKey="down"
                    name="Moved down"
                    stackId="m"
                    fill={CHART_COLORS.orange}
                    isAnimationActive={false}
                  />
                </BarChart>
              </ResponsiveContainer>
            </ChartBox>
          </BlockStack>
        )}
        <DataTable
          columnContentTypes={["text", "numeric", "numeric"]}
          headings={["Month", "Moved up", "Moved down"]}
          rows={data.movements.map((m) => [monthLabel(m.month), formatNumber(m.up), formatNumber(m.down)])}
        />
      </ReportCard>
    </BlockStack>
  );
}
