"use client";
import { BlockStack, DataTable, InlineStack } from "@shopify/polaris";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
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
  Stat,
  rangeLabel,
  type Range,
} from "./report-parts";

/** Referral visits → referrals → first orders → rewarded, and what happened to the rest. */
export function ReferralReport() {
  const trpc = useTRPC();
  const [range, setRange] = useState<Range | undefined>();
  const report = useQuery({
    ...trpc.admin.analytics.referralFunnel.queryOptions(range ? { range } : undefined),
    placeholderData: keepPreviousData,
  });

  if (report.isPending) return <CardSkeleton lines={10} />;
  if (report.isError && !report.data)
    return (
      <ErrorBanner error={report.error} onRetry={() => void report.refetch()} context="the referral funnel" />
    );
  const f = report.data;
  const rate = (bp: number | null) => (bp === null ? "–" : formatBasisPoints(bp));
  const funnel = [
    { step: "Link visits", value: f.visits, color: CHART_COLORS.grey },
    { step: "Unique visitors", value: f.uniqueVisitors, color: CHART_COLORS.teal },
    { step: "Referrals", value: f.referralsCreated, color: CHART_COLORS.blue },
    { step: "First orders", value: f.firstOrders, color: CHART_COLORS.purple },
    { step: "Rewarded", value: f.rewarded, color: CHART_COLORS.green },
  ];
  const outcomes: [string, number][] = [
    ["Pending (no first order yet)", f.pending],
    ["Awaiting your review", f.awaitingReview],
    ["Completed", f.completed],
    ["Approved after review", f.approved],
    ["Rejected", f.rejected],
    ["Reversed (order refunded or cancelled)", f.reversed],
    ["Points awarded", f.pointsAwarded],
  ];

  const exportCsv = () =>
    downloadCsv(
      `referral-funnel-${f.range.from}-to-${f.range.to}.csv`,
      toCsv(
        ["Measure", "Value"],
        [
          ["From", f.range.from],
          ["To", f.range.to],
          ...funnel.map((s) => [s.step, s.value] as [string, number]),
          ...outcomes,
          ["Visit to referral (%)", f.visitToReferralBp === null ? "" : f.visitToReferralBp / 100],
          ["Referral to reward (%)", f.referralToRewardBp === null ? "" : f.referralToRewardBp / 100],
        ],
      ),
    );

  const empty = f.visits === 0 && f.referralsCreated === 0;
  return (
    <ReportCard
      title="Referral funnel"
      description={`From a shared link to a rewarded referral, ${rangeLabel(f.range, "day")}.`}
      onExport={exportCsv}
      controls={
        <BlockStack gap="200">
          <RangeFields kind="day" value={range ?? f.range} onApply={setRange} />
          {report.isError ? (
            <ErrorBanner error={report.error} onRetry={() => void report.refetch()} context="that period" />
          ) : null}
        </BlockStack>
      }
    >
      {empty ? (
        <ReportEmpty
          heading="No referral activity in this period"
          action={{ content: "Set up referrals", url: "/referrals" }}
        >
          <p>When customers share their referral link, visits, referrals and rewards appear here.</p>
        </ReportEmpty>
      ) : (
        <BlockStack gap="400">
          <InlineStack gap="600" wrap>
            <Stat label="Visit to referral" value={rate(f.visitToReferralBp)} />
            <Stat label="Referral to reward" value={rate(f.referralToRewardBp)} />
            <Stat label="Points awarded" value={formatNumber(f.pointsAwarded)} />
          </InlineStack>
          <ChartBox summary={`Referral funnel: ${funnel.map((s) => `${s.step} ${s.value}`).join(", ")}.`}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={funnel} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => formatNumber(v)} />
                <YAxis type="category" dataKey="step" width={110} tick={{ fontSize: 12 }} />
                <Tooltip formatter={(v) => formatNumber(Number(v))} />
                <Bar dataKey="value" name="Count" isAnimationActive={false}>
                  {funnel.map((s) => (
                    <Cell key={s.step} fill={s.color} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </ChartBox>
        </BlockStack>
      )}
      <DataTable
        columnContentTypes={["text", "numeric"]}
        headings={["Measure", "Count"]}
        rows={[
          ...funnel.map((s) => [s.step, formatNumber(s.value)]),
          ...outcomes.map(([k, v]) => [k, formatNumber(v)]),
        ]}
      />
    </ReportCard>
  );
}
