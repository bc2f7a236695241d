"use client";
import { Badge, Banner, BlockStack, DataTable, InlineStack, Text } from "@shopify/polaris";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  ErrorBar,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { downloadCsv, toCsv } from "../../lib/download";
import { formatBasisPoints, formatMoney, formatNumber } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { ErrorBanner } from "../error-banner";
import { CardSkeleton } from "../skeletons";
import {
  CHART_COLORS,
  ChartBox,
  RangeFields,
  ReportCard,
  Stat,
  rangeLabel,
  type Range,
} from "./report-parts";

interface Estimate {
  value: number;
  low: number;
  high: number;
}

/**
 * Members against the holdout group (customers kept out of the programme at random): revenue per
 * customer, repeat rate and orders per customer with 95% confidence intervals, and the revenue the
 * programme adds. Below the minimum group size it says so instead of showing a comparison.
 */
export function HoldoutReport() {
  const trpc = useTRPC();
  const [range, setRange] = useState<Range | undefined>();
  const report = useQuery({
    ...trpc.admin.analytics.memberVsHoldout.queryOptions(range ? { range } : undefined),
    placeholderData: keepPreviousData,
  });

  if (report.isPending) return <CardSkeleton lines={10} />;
  if (report.isError && !report.data)
    return (
      <ErrorBanner
        error={report.error}
        onRetry={() => void report.refetch()}
        context="the member vs holdout report"
      />
    );
  const r = report.data;
  const money = (minor: number) => formatMoney(Math.round(minor), r.currency);
  const pct = (bp: number) => formatBasisPoints(Math.round(bp));
  const num = (n: number) => formatNumber(Math.round(n * 100) / 100);
  const withCi = (e: Estimate | null, fmt: (n: number) => string) =>
    e ? `${fmt(e.value)} (${fmt(e.low)} to ${fmt(e.high)})` : "Not enough data";

  const metrics: {
    label: string;
    key: "revenuePerCustomerMinor" | "repeatRateBp" | "ordersPerCustomer";
    fmt: (n: number) => string;
    diff?: Estimate;
  }[] = [
    {
      label: "Revenue per customer",
      key: "revenuePerCustomerMinor",
      fmt: money,
      diff: r.comparison?.revenuePerCustomerDiffMinor,
    },
    { label: "Repeat purchase rate", key: "repeatRateBp", fmt: pct, diff: r.comparison?.repeatRateDiffBp },
    {
      label: "Orders per customer",
      key: "ordersPerCustomer",
      fmt: num,
      diff: r.comparison?.ordersPerCustomerDiff,
    },
  ];

  const exportCsv = () => {
    const plain = (e: Estimate | null | undefined, scale = 1): (number | string)[] =>
      e ? [e.value / scale, e.low / scale, e.high / scale] : ["", "", ""];
    const digits =
      new Intl.NumberFormat("en", { style: "currency", currency: r.currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    const scales = { revenuePerCustomerMinor: 10 ** digits, repeatRateBp: 100, ordersPerCustomer: 1 };
    const units = { revenuePerCustomerMinor: r.currency, repeatRateBp: "%", ordersPerCustomer: "orders" };
    const rows: (string | number)[][] = [
      ["Customers", "", r.members.customers, "", "", r.holdout.customers, "", "", "", "", ""],
      ["Buyers", "", r.members.buyers, "", "", r.holdout.buyers, "", "", "", "", ""],
      ["Orders", "", r.members.orders, "", "", r.holdout.orders, "", "", "", "", ""],
      [
        "Revenue",
        r.currency,
        r.members.revenueMinor / 10 ** digits,
        "",
        "",
        r.holdout.revenueMinor / 10 ** digits,
        "",
        "",
        "",
        "",
        "",
      ],
      ...metrics.map((m) => [
        m.label,
        units[m.key],
        ...plain(r.members[m.key], scales[m.key]),
        ...plain(r.holdout[m.key], scales[m.key]),
        ...plain(m.diff, scales[m.key]),
      ]),
    ];
    if (r.comparison)
      rows.push([
        "Incremental revenue",
        r.currency,
        "",
        "",
        "",
        "",
        "",
        "",
        ...plain(r.comparison.incrementalRevenueMinor, 10 ** digits),
      ]);
    downloadCsv(
      `members-vs-holdout-${r.range.from}-to-${r.range.to}.csv`,
      toCsv(
        [
          "Measure",
          "Unit",
          "Members",
          "Members 95% low",
          "Members 95% high",
          "Holdout",
          "Holdout 95% low",
          "Holdout 95% high",
          "Difference",
          "Difference 95% low",
          "Difference 95% high",
        ],
        rows,
      ),
    );
  };

  const chartData = r.enoughData
    ? [
        {
          group: "Members",
          value: r.members.revenuePerCustomerMinor!.value,
          ci: [
            r.members.revenuePerCustomerMinor!.value - r.members.revenuePerCustomerMinor!.low,
            r.members.revenuePerCustomerMinor!.high - r.members.revenuePerCustomerMinor!.value,
          ],
        },
        {
          group: "Holdout",
          value: r.holdout.revenuePerCustomerMinor!.value,
          ci: [
            r.holdout.revenuePerCustomerMinor!.value - r.holdout.revenuePerCustomerMinor!.low,
            r.holdout.revenuePerCustomerMinor!.high - r.holdout.revenuePerCustomerMinor!.value,
          ],
        },
      ]
    : [];

  return (
    <ReportCard
      title="Members vs holdout"
      description={`What the programme changes: members compared with customers held out of it at random, ${rangeLabel(r.range, "day")}. Ranges are 95% confidence intervals.`}
      onExport={exportCsv}
      controls={
        <BlockStack gap="200">
          <RangeFields kind="day" value={range ?? r.range} onApply={setRange} />
          {report.isError ? (
            <ErrorBanner error={report.error} onRetry={() => void report.refetch()} context="that period" />
          ) : null}
        </BlockStack>
      }
    >
      {!r.enoughData ? (
        <Banner
          tone="info"
          title="Not enough data for a fair comparison yet"
          action={{ content: "Set the holdout share", url: "/settings" }}
        >
          <p>
            {r.message ??
              `Each group needs at least ${formatNumber(r.minimumGroupSize)} customers for a trustworthy comparison: members ${formatNumber(r.members.customers)}, holdout ${formatNumber(r.holdout.customers)}.`}
          </p>
        </Banner>
      ) : r.comparison ? (
        <BlockStack gap="400">
          <InlineStack gap="600" wrap blockAlign="end">
            <Stat
              label="Incremental revenue"
              value={money(r.comparison.incrementalRevenueMinor.value)}
              caption={`95% CI ${money(r.comparison.incrementalRevenueMinor.low)} to ${money(r.comparison.incrementalRevenueMinor.high)}`}
            />
            <Stat
              label="Revenue lift per customer"
              value={r.comparison.revenueLiftBp === null ? "–" : pct(r.comparison.revenueLiftBp)}
              caption="Members over holdout"
            />
            {r.comparison.significant ? (
              <Badge tone="success">Statistically significant</Badge>
            ) : (
              <Badge tone="attention">Not significant yet: the interval includes zero</Badge>
            )}
          </InlineStack>
          <ChartBox
            summary={`Revenue per customer: members ${money(chartData[0]!.value)}, holdout ${money(chartData[1]!.value)}, with 95% confidence intervals.`}
            height={260}
          >
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={chartData} margin={{ top: 16, right: 8, bottom: 8, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="group" />
                <YAxis tickFormatter={(v: number) => money(v)} width={80} />
                <Tooltip formatter={(v) => money(Number(v))} />
                <Legend />
                <Bar
                  dataKey="value"
                  name="Revenue per customer"
                  fill={CHART_COLORS.blue}
                  isAnimationActive={false}
                >
                  <ErrorBar dataKey="ci" width={12} strokeWidth={2} stroke={CHART_COLORS.grey} />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </ChartBox>
        </BlockStack>
      ) : null}
      <DataTable
        columnContentTypes={["text", "text", "text", "text"]}
        headings={["Measure", "Members", "Holdout", "Difference"]}
        rows={[
          ["Customers", formatNumber(r.members.customers), formatNumber(r.holdout.customers), ""],
          ["Customers who ordered", formatNumber(r.members.buyers), formatNumber(r.holdout.buyers), ""],
          ["Revenue", money(r.members.revenueMinor), money(r.holdout.revenueMinor), ""],
          ...metrics.map((m) => [
            m.label,
            withCi(r.members[m.key], m.fmt),
            withCi(r.holdout[m.key], m.fmt),
            m.diff ? withCi(m.diff, m.fmt) : "–",
          ]),
        ]}
      />
      <Text as="p" variant="bodySm" tone="subdued">
        Figures per customer count every customer in the group, including those who did not order. Revenue is
        net of refunds, in {r.currency}.
      </Text>
    </ReportCard>
  );
}
