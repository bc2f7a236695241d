"use client";
import { BlockStack, Card, DataTable, InlineStack, Pagination, Tabs, Text } from "@shopify/polaris";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatDate, formatNumber } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { CustomerLink } from "../customers/customer-link";
import { REFERRAL_STATUS_LABELS, ReferralStatusBadge, type ReferralStatus } from "../customers/labels";
import { ErrorBanner } from "../error-banner";
import { CardSkeleton } from "../skeletons";

const PAGE_SIZE = 10;
const TABS: { id: "all" | ReferralStatus; content: string }[] = [
  { id: "all", content: "All" },
  ...(["pending", "completed", "flagged", "approved", "rejected", "reversed"] as const).map((status) => ({
    id: status,
    content: REFERRAL_STATUS_LABELS[status],
  })),
];

/** Every referral, newest first, by status. */
export function ReferralList() {
  const trpc = useTRPC();
  const [tab, setTab] = useState(0);
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const status = TABS[tab]!.id;
  const cursor = cursors.at(-1);
  const list = useQuery({
    ...trpc.admin.referrals.list.queryOptions({
      limit: PAGE_SIZE,
      ...(status === "all" ? {} : { status }),
      ...(cursor !== undefined ? { cursor } : {}),
    }),
    placeholderData: keepPreviousData,
  });

  return (
    <Card padding="0">
      <BlockStack gap="0">
        <div style={{ padding: "var(--p-space-400) var(--p-space-400) 0" }}>
          <Text as="h2" variant="headingMd">
            All referrals
          </Text>
        </div>
        <Tabs
          tabs={TABS.map((t) => ({ ...t, panelID: "referral-list-panel" }))}
          selected={tab}
          onSelect={(index) => {
            setTab(index);
            setCursors([undefined]);
          }}
        />
        <div id="referral-list-panel" style={{ padding: "0 var(--p-space-400) var(--p-space-400)" }}>
          {list.isPending ? (
            <CardSkeleton lines={5} />
          ) : list.isError ? (
            <ErrorBanner error={list.error} onRetry={() => void list.refetch()} context="your referrals" />
          ) : list.data.items.length === 0 ? (
            <div style={{ paddingTop: "var(--p-space-400)" }}>
              <Text as="p" tone="subdued">
                {status === "all"
                  ? "No referrals yet. They appear here when a friend arrives through a member's share link."
                  : `No ${REFERRAL_STATUS_LABELS[status].toLowerCase()} referrals.`}
              </Text>
            </div>
          ) : (
            <DataTable
              columnContentTypes={["text", "text", "text", "text", "numeric"]}
              headings={["Date", "Advocate", "Friend", "Status", "Advocate points"]}
              rows={list.data.items.map((r) => [
                formatDate(r.createdAt),
                <CustomerLink key="advocate" customerId={r.advocateCustomerId} />,
                r.friendCustomerId ? <CustomerLink key="friend" customerId={r.friendCustomerId} /> : "Guest",
                <ReferralStatusBadge key="status" status={r.status} />,
                formatNumber(r.advocatePointsAwarded),
              ])}
            />
          )}
          {cursors.length > 1 || list.data?.nextCursor ? (
            <InlineStack align="center">
              <Pagination
                label={`Page ${cursors.length}`}
                hasPrevious={cursors.length > 1}
                onPrevious={() => setCursors((stack) => stack.slice(0, -1))}
                hasNext={Boolean(list.data?.nextCursor)}
                onNext={() => {
                  const next = list.data?.nextCursor;
                  if (next) setCursors((stack) => [...stack, next]);
                }}
              />
            </InlineStack>
          ) : null}
        </div>
      </BlockStack>
    </Card>
  );
}
