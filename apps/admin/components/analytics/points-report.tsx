"use client";
import { BlockStack, DataTable, InlineStack, Text } from "@shopify/polaris";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { downloadCsv, toCsv } from "../../lib/download";
import { formatMoney, formatNumber } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { ErrorBanner } from "../error-banner";
import { CardSkeleton } from "../skeletons";
import {
  CHART_COLORS,
  ChartBox,
  RangeFields,
  ReportCard,
  ReportEmpty,
  Stat,
  monthLabel,
  rangeLabel,
  type Range,
} from "./report-parts";

/** Outstanding points valued at the best value per point (as the overview does), in minor units. */
export function valuePoints(points: number, valuation: { valueMinor: number; points: number }): number {
  return Math.floor((Math.max(0, points) * valuation.valueMinor) / valuation.points);
}

/**
 * The accountant's table: points issued, redeemed, expired, clawed back, adjusted and reversed each
 * month, and the points outstanding (and their value) at month end; with a chart of the flows.
 */
export function PointsReport() {
  const trpc = useTRPC();
  const [range, setRange] = useState<Range | undefined>();
  const report = useQuery({
    ...trpc.admin.analytics.pointsByMonth.queryOptions(range ? { range } : undefined),
    placeholderData: keepPreviousData,
  });
  const overview = useQuery(trpc.admin.analytics.overview.queryOptions());

  if (report.isPending) return <CardSkeleton lines={12} />;
  if (report.isError && !report.data)
    return (
      <ErrorBanner
        error={report.error}
        onRetry={() => void report.refetch()}
        context="the points and liability report"
      />
    );
  const data = report.data;
  const liability = overview.data?.liability ?? null;
  const value = (points: number) =>
    liability ? formatMoney(valuePoints(points, liability.valuation), liability.currency) : "–";
  const totals = data.months.reduce(
    (t, m) => ({
      issued: t.issued + m.issued,
      redeemed: t.redeemed + m.redeemed,
      expired: t.expired + m.expired,
      clawedBack: t.clawedBack + m.clawedBack,
      adjustedDown: t.adjustedDown + m.adjustedDown,
      reversed: t.reversed + m.reversed,
    }),
    { issued: 0, redeemed: 0, expired: 0, clawedBack: 0, adjustedDown: 0, reversed: 0 },
  );
  const closing = data.months.at(-1) ?? data.opening;
  const empty = data.months.every(
    (m) => m.issued === 0 && m.redeemed === 0 && m.expired === 0 && m.clawedBack === 0 && m.outstanding === 0,
  );

  const exportCsv = () => {
    const header = [
      "Month",
      "Issued",
      "Redeemed",
      "Expired",
      "Clawed back",
      "Adjusted down",
      "Reversed (net)",
      "Outstanding at month end",
      "Owed by customers at month end",
    ];
    if (liability) header.push(`Liability at month end (${liability.currency}, at current value per point)`);
    const digits = liability
      ? (new Intl.NumberFormat("en", { style: "currency", currency: liability.currency }).resolvedOptions()
          .maximumFractionDigits ?? 2)
      : 2;
    const rows = [
      ["Opening balance", "", "", "", "", "", "", data.opening.outstanding, data.opening.debt] as (
        string | number
      )[],
      ...data.months.map((m) => [
        m.month,
        m.issued,
        m.redeemed,
        m.expired,
        m.clawedBack,
        m.adjustedDown,
        m.reversed,
        m.outstanding,
        m.debt,
      ]),
    ];
    if (liability) {
      rows[0]!.push(
        (valuePoints(data.opening.outstanding, liability.valuation) / 10 ** digits).toFixed(digits),
      );
      data.months.forEach((m, i) =>
        rows[i + 1]!.push((valuePoints(m.outstanding, liability.valuation) / 10 ** digits).toFixed(digits)),
      );
    }
    downloadCsv(`points-liability-${data.range.from}-to-${data.range.to}.csv`, toCsv(header, rows));
  };

  return (
    <ReportCard
      title="Points flows and liability"
      description={`Points issued, redeemed, expired and clawed back each month, and what customers hold at month end, ${rangeLabel(data.range, "month")}. Months follow your shop's time zone.`}
      onExport={exportCsv}
      controls={
        <BlockStack gap="200">
          <RangeFields kind="month" value={range ?? data.range} onApply={setRange} />
          {report.isError ? (
            <ErrorBanner error={report.error} onRetry={() => void report.refetch()} context="that period" />
          ) : null}
        </BlockStack>
      }
    >
      {empty ? (
        <ReportEmpty
          heading="No points in this period"
          action={{ content: "Set up ways to earn", url: "/points" }}
        >
          <p>Points appear here once customers earn them on orders, sign-ups or other actions.</p>
        </ReportEmpty>
      ) : (
        <BlockStack gap="400">
          <InlineStack gap="600" wrap>
            <Stat label="Issued in period" value={formatNumber(totals.issued)} />
            <Stat label="Redeemed in period" value={formatNumber(totals.redeemed)} />
            <Stat label="Expired in period" value={formatNumber(totals.expired)} />
            <Stat
              label="Outstanding at period end"
              value={formatNumber(closing.outstanding)}
              caption={liability ? `Worth ${value(closing.outstanding)}` : undefined}
            />
          </InlineStack>
          <ChartBox
            summary={`Points issued, redeemed and expired per month, with outstanding points at month end, ${rangeLabel(data.range, "month")}.`}
            height={320}
          >
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart data={data.months} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="month" tickFormatter={(m: string) => monthLabel(m)} minTickGap={16} />
                <YAxis
                  yAxisId="flows"
                  allowDecimals={false}
                  tickFormatter={(v: number) => formatNumber(v)}
                  width={64}
                />
                <YAxis
                  yAxisId="outstanding"
                  orientation="right"
                  allowDecimals={false}
                  tickFormatter={(v: number) => formatNumber(v)}
                  width={64}
                />
                <Tooltip
                  labelFormatter={(m) => monthLabel(String(m))}
                  formatter={(v) => formatNumber(Number(v))}
                />
                <Legend />
                <Bar
                  yAxisId="flows"
                  dataKey="issued"
                  name="Issued"
                  fill={CHART_COLORS.green}
                  isAnimationActive={false}
                />
                <Bar
                  yAxisId="flows"
                  dataKey="redeemed"
                  name="Redeemed"
                  fill={CHART_COLORS.blue}
                  isAnimationActive={false}
                />
                <Bar
                  yAxisId="flows"
                  dataKey="expired"
                  name="Expired"
                  fill={CHART_COLORS.grey}
                  isAnimationActive={false}
                />
                <Bar
                  yAxisId="flows"
                  dataKey="clawedBack"
                  name="Clawed back"
                  fill={CHART_COLORS.orange}
                  isAnimationActive={false}
                />
                <Line
                  yAxisId="outstanding"
                  dataKey="outstanding"
                  name="Outstanding (right axis)"
                  stroke={CHART_COLORS.purple}
                  strokeWidth={2}
                  dot={false}
                  isAnimationActive={false}
                />
              </ComposedChart>
            </ResponsiveContainer>
          </ChartBox>
        </BlockStack>
      )}
      <DataTable
        columnContentTypes={[
          "text",
          "numeric",
          "numeric",
          "numeric",
          "numeric",
          "numeric",
          "numeric",
          "numeric",
          "numeric",
        ]}
        headings={[
          "Month",
          "Issued",
          "Redeemed",
          "Expired",
          "Clawed back",
          "Adjusted down",
          "Reversed (net)",
          "Outstanding",
          liability ? "Liability" : "Owed by customers",
        ]}
        rows={[
          [
            <Text as="span" tone="subdued" key="opening">
              Opening
            </Text>,
            "",
            "",
            "",
            "",
            "",
            "",
            formatNumber(data.opening.outstanding),
            liability ? value(data.opening.outstanding) : formatNumber(data.opening.debt),
          ],
          ...data.months.map((m) => [
            monthLabel(m.month),
            formatNumber(m.issued),
            formatNumber(m.redeemed),
            formatNumber(m.expired),
            formatNumber(m.clawedBack),
            formatNumber(m.adjustedDown),
            formatNumber(m.reversed),
            formatNumber(m.outstanding),
            liability ? value(m.outstanding) : formatNumber(m.debt),
          ]),
        ]}
        totals={[
          "",
          formatNumber(totals.issued),
          formatNumber(totals.redeemed),
          formatNumber(totals.expired),
          formatNumber(totals.clawedBack),
          formatNumber(totals.adjustedDown),
          formatNumber(totals.reversed),
          formatNumber(closing.outstanding),
          liability ? value(closing.outstanding) : formatNumber(closing.debt),
        ]}
        showTotalsInFooter
        totalsName={{ singular: "Period total", plural: "Period total" }}
        stickyHeader={false}
      />
      <Text as="p" variant="bodySm" tone="subdued">
        {liability
          ? `Liability values outstanding points at today's best value per point: “${liability.valuation.rewardName}” (${formatNumber(liability.valuation.points)} points for ${formatMoney(liability.valuation.valueMinor, liability.currency)}). Reversed points are net: positive when points went back to customers.`
          : "Add a reward with a money value to see the liability in your currency. Reversed points are net: positive when points went back to customers."}
      </Text>
    </ReportCard>
  );
}
