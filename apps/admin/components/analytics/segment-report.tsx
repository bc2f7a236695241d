"use client";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Checkbox,
  DataTable,
  InlineStack,
  Select,
  Text,
} from "@shopify/polaris";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { downloadCsv, toCsv } from "../../lib/download";
import { formatBasisPoints, formatNumber } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { ErrorBanner } from "../error-banner";
import { CardSkeleton } from "../skeletons";
import { useToast } from "../toast";
import {
  ChartBox,
  RangeFields,
  ReportCard,
  ReportEmpty,
  SEGMENTS,
  dayLabel,
  rangeLabel,
  type Range,
  type SegmentId,
} from "./report-parts";

const signed = (n: number) => (n > 0 ? `+${formatNumber(n)}` : formatNumber(n));

/** RFM segments now (with the change over the period) and their daily counts over the period. */
export function SegmentReport() {
  const trpc = useTRPC();
  const [range, setRange] = useState<Range | undefined>();
  const report = useQuery({
    ...trpc.admin.analytics.segmentDistribution.queryOptions(range ? { range } : undefined),
    placeholderData: keepPreviousData,
  });

  if (report.isPending) return <CardSkeleton lines={10} />;
  if (report.isError && !report.data)
    return (
      <ErrorBanner
        error={report.error}
        onRetry={() => void report.refetch()}
        context="the RFM segment report"
      />
    );
  const data = report.data;
  const scored = SEGMENTS.reduce((sum, s) => sum + data.now.segments[s.id], 0);
  const total = scored + data.now.unscored;

  const exportDistribution = () => {
    const header = ["Segment", "Customers now", "Share of scored customers (%)"];
    if (data.change) header.push(`Change ${data.change.from} to ${data.change.to}`);
    const rows = SEGMENTS.map((s) => {
      const row: (string | number)[] = [
        s.label,
        data.now.segments[s.id],
        scored ? Number(((data.now.segments[s.id] / scored) * 100).toFixed(1)) : 0,
      ];
      if (data.change) row.push(data.change.delta[s.id]);
      return row;
    });
    rows.push(["Big spenders (M5, any segment)", data.now.bigSpenders, ""]);
    rows.push(["Not scored yet", data.now.unscored, ""]);
    downloadCsv(`rfm-segments-${data.range.to}.csv`, toCsv(header, rows));
  };
  const exportDaily = () => {
    downloadCsv(
      `rfm-segments-daily-${data.range.from}-to-${data.range.to}.csv`,
      toCsv(
        ["Day", ...SEGMENTS.map((s) => s.label), "Big spenders"],
        data.series.map((d) => [d.day, ...SEGMENTS.map((s) => d.segments[s.id]), d.bigSpenders]),
      ),
    );
  };

  return (
    <BlockStack gap="400">
      <ReportCard
        title="RFM segments"
        description="Your customers by recency, frequency and spend, as scored now, and how each segment changed over the period."
        onExport={exportDistribution}
        exportDisabled={total === 0}
        controls={
          <BlockStack gap="200">
            <RangeFields kind="day" value={range ?? data.range} onApply={setRange} />
            {report.isError ? (
              <ErrorBanner error={report.error} onRetry={() => void report.refetch()} context="that period" />
            ) : null}
          </BlockStack>
        }
      >
        {scored === 0 ? (
          <ReportEmpty
            heading="No customers scored yet"
            action={{ content: "View customers", url: "/customers" }}
          >
            <p>
              Customers are scored on each paid order and every night at 01:00 in your shop&apos;s time zone.
              {data.now.unscored > 0
                ? ` ${formatNumber(data.now.unscored)} customers are waiting for their first scoring; their segments appear here after it.`
                : " Segments appear here once your first customers have ordered."}
            </p>
          </ReportEmpty>
        ) : (
          <BlockStack gap="400">
            <ChartBox
              summary={`Customers per segment now: ${SEGMENTS.map((s) => `${s.label} ${data.now.segments[s.id]}`).join(", ")}.`}
            >
              <ResponsiveContainer width="100%" height="100%">
                <BarChart
                  data={SEGMENTS.map((s) => ({ label: s.label, customers: data.now.segments[s.id] }))}
                  margin={{ top: 8, right: 8, bottom: 8, left: 0 }}
                >
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis
                    dataKey="label"
                    tick={{ fontSize: 12 }}
                    interval={0}
                    angle={-20}
                    dy={8}
                    height={50}
                  />
                  <YAxis allowDecimals={false} tickFormatter={(v: number) => formatNumber(v)} width={48} />
                  <Tooltip formatter={(v) => formatNumber(Number(v))} />
                  <Bar dataKey="customers" name="Customers" isAnimationActive={false}>
                    {SEGMENTS.map((s) => (
                      <Cell key={s.id} fill={s.color} />
                    ))}
                  </Bar>
                </BarChart>
              </ResponsiveContainer>
            </ChartBox>
            <DataTable
              columnContentTypes={["text", "numeric", "numeric", "numeric"]}
              headings={[
                "Segment",
                "Customers now",
                "Share",
                data.change ? `Change since ${dayLabel(data.change.from)}` : "Change",
              ]}
              rows={SEGMENTS.map((s) => [
                s.label,
                formatNumber(data.now.segments[s.id]),
                scored ? formatBasisPoints(Math.round((data.now.segments[s.id] / scored) * 10_000)) : "–",
                data.change ? signed(data.change.delta[s.id]) : "–",
              ])}
              totals={["", formatNumber(scored), scored ? formatBasisPoints(10_000) : "–", ""]}
              showTotalsInFooter
              totalsName={{ singular: "Scored customers", plural: "Scored customers" }}
            />
            <Text as="p" tone="subdued">
              {formatNumber(data.now.bigSpenders)} big spenders (top spend score, in any segment).{" "}
              {data.now.unscored > 0
                ? `${formatNumber(data.now.unscored)} customers are not scored yet.`
                : "Every customer is scored."}
            </Text>
          </BlockStack>
        )}
      </ReportCard>

      <ReportCard
        title="Segment movement"
        description={`Customers in each segment per day, ${rangeLabel(data.range, "day")}, from the nightly RFM pass.`}
        onExport={exportDaily}
        exportLabel="Export daily counts"
        exportDisabled={data.series.length === 0}
      >
        {data.series.length === 0 ? (
          <Banner tone="info" title="No daily counts in this period">
            <p>
              LoyalNest records each segment&apos;s size every night at 01:00 in your shop&apos;s time zone.
              Pick a period that includes nights since the programme was installed, or check back tomorrow.
            </p>
          </Banner>
        ) : (
          <ChartBox
            summary={`Daily customers per segment from ${dayLabel(data.range.from)} to ${dayLabel(data.range.to)}.`}
            height={320}
          >
            <ResponsiveContainer width="100%" height="100%">
              <AreaChart
                data={data.series.map((d) => ({ day: d.day, ...d.segments }))}
                margin={{ top: 8, right: 8, bottom: 8, left: 0 }}
              >
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="day" tickFormatter={(d: string) => dayLabel(d)} minTickGap={24} />
                <YAxis allowDecimals={false} tickFormatter={(v: number) => formatNumber(v)} width={48} />
                <Tooltip
                  labelFormatter={(d) => dayLabel(String(d))}
                  formatter={(v) => formatNumber(Number(v))}
                />
                <Legend />
                {SEGMENTS.map((s) => (
                  <Area
                    key={s.id}
                    type="monotone"
                    dataKey={s.id}
                    name={s.label}
                    stackId="segments"
                    stroke={s.color}
                    fill={s.color}
                    fillOpacity={0.55}
                    isAnimationActive={false}
                  />
                ))}
              </AreaChart>
            </ResponsiveContainer>
          </ChartBox>
        )}
      </ReportCard>

      <SegmentCustomersExport disabled={scored === 0} />
    </BlockStack>
  );
}

/** A CSV of one segment's customers (e-mail, scores, metrics) from `admin.rfm.export` (audited). */
function SegmentCustomersExport({ disabled }: { disabled: boolean }) {
  const trpc = useTRPC();
  const toast = useToast();
  const [segment, setSegment] = useState<SegmentId>("champions");
  const [bigSpendersOnly, setBigSpendersOnly] = useState(false);
  const exportSegment = useMutation(
    trpc.admin.rfm.export.mutationOptions({
      onSuccess: (file) => {
        downloadCsv(file.filename, file.csv);
        toast(
          file.truncated
            ? `Exported the first ${formatNumber(file.maxRows)} customers`
            : `Exported ${formatNumber(file.rows)} customers`,
        );
      },
    }),
  );
  return (
    <ReportCard
      title="Export a segment's customers"
      description="Download the customers in one segment with their e-mail, scores and the order figures behind them, for a campaign in your e-mail tool. Each export is recorded in the audit log."
    >
      <BlockStack gap="300">
        <InlineStack gap="300" blockAlign="end" wrap>
          <Box minWidth="200px">
            <Select
              label="Segment"
              options={SEGMENTS.map((s) => ({ label: s.label, value: s.id }))}
              value={segment}
              onChange={(value) => setSegment(value as SegmentId)}
            />
          </Box>
          <Box paddingBlockEnd="150">
            <Checkbox label="Big spenders only" checked={bigSpendersOnly} onChange={setBigSpendersOnly} />
          </Box>
          <Button
            variant="primary"
            loading={exportSegment.isPending}
            disabled={disabled}
            onClick={() => exportSegment.mutate({ segment, bigSpendersOnly })}
          >
            Export customers
          </Button>
        </InlineStack>
        {exportSegment.isError ? <ErrorBanner error={exportSegment.error} /> : null}
        {exportSegment.data?.truncated ? (
          <Banner tone="warning" title="Only the first customers were exported">
            <p>
              This segment has more than {formatNumber(exportSegment.data.maxRows)} customers; the file holds
              the first {formatNumber(exportSegment.data.maxRows)}. Tick “Big spenders only” for a smaller
              list.
            </p>
          </Banner>
        ) : null}
      </BlockStack>
    </ReportCard>
  );
}
