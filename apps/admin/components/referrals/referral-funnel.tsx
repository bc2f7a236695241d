"use client";
import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import { useQuery } from "@tanstack/react-query";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatBasisPoints, formatDate, formatNumber } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { ErrorBanner } from "../error-banner";
import { CardSkeleton } from "../skeletons";

const COLORS = ["#8c9196", "#2c6ecb", "#1f5199", "#008060"];

/** Last 30 days: visits → referrals → first orders → rewarded, with conversion rates. */
export function ReferralFunnel() {
  const trpc = useTRPC();
  const funnel = useQuery(trpc.admin.analytics.referralFunnel.queryOptions());
  if (funnel.isPending) return <CardSkeleton lines={8} />;
  if (funnel.isError)
    return (
      <ErrorBanner error={funnel.error} onRetry={() => void funnel.refetch()} context="the referral funnel" />
    );
  const f = funnel.data;
  const steps = [
    { name: "Link visits", value: f.visits },
    { name: "Referrals", value: f.referralsCreated },
    { name: "First orders", value: f.firstOrders },
    { name: "Rewarded", value: f.rewarded },
  ];
  const empty = steps.every((step) => step.value === 0);
  const range = `${formatDate(`${f.range.from}T12:00:00`)} – ${formatDate(`${f.range.to}T12:00:00`)}`;

  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            Referral funnel
          </Text>
          <Text as="p" tone="subdued">
            Last 30 days ({range})
          </Text>
        </BlockStack>
        {empty ? (
          <Text as="p" tone="subdued">
            No referral activity in the last 30 days. Once members share their link, visits, referrals, first
            orders and rewards show here.
          </Text>
        ) : (
          <div
            role="img"
            aria-label={steps.map((step) => `${step.name}: ${formatNumber(step.value)}`).join(", ")}
            style={{ width: "100%", height: 240 }}
          >
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={steps} layout="vertical" margin={{ top: 0, right: 48, bottom: 0, left: 8 }}>
                <CartesianGrid horizontal={false} strokeDasharray="3 3" />
                <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => formatNumber(v)} />
                <YAxis type="category" dataKey="name" width={96} />
                <Tooltip
                  formatter={(value) => formatNumber(Number(value))}
                  cursor={{ fill: "rgba(0,0,0,0.04)" }}
                />
                <Bar dataKey="value" name="Count" isAnimationActive={false}>
                  {steps.map((step, index) => (
                    <Cell key={step.name} fill={COLORS[index]} />
                  ))}
                  <LabelList
                    dataKey="value"
                    position="right"
                    formatter={(v: unknown) => formatNumber(Number(v))}
                  />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
        )}
        <InlineGrid columns={{ xs: 2, md: 4 }} gap="300">
          <Stat
            label="Visit → referral"
            value={f.visitToReferralBp === null ? "No visits" : formatBasisPoints(f.visitToReferralBp)}
          />
          <Stat
            label="Referral → reward"
            value={f.referralToRewardBp === null ? "No referrals" : formatBasisPoints(f.referralToRewardBp)}
          />
          <Stat label="Awaiting review" value={formatNumber(f.awaitingReview)} />
          <Stat label="Points to advocates" value={formatNumber(f.pointsAwarded)} />
        </InlineGrid>
      </BlockStack>
    </Card>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <BlockStack gap="050">
      <Text as="h3" variant="headingSm" tone="subdued">
        {label}
      </Text>
      <Text as="p" variant="headingLg">
        {value}
      </Text>
    </BlockStack>
  );
}
