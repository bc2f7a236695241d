"use client";
import {
  BlockStack,
  Box,
  Card,
  DataTable,
  EmptyState,
  InlineStack,
  Pagination,
  Select,
  Text,
} from "@shopify/polaris";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../lib/trpc";
import { EMPTY_STATE_IMAGE } from "../empty-state";
import { ErrorBanner } from "../error-banner";
import { CardSkeleton } from "../skeletons";
import { formatDateTime } from "./dates";
import { useCursorPages } from "./paged";

const ACTIONS: Record<string, string> = {
  "settings.update": "Programme settings changed",
  "points.adjust": "Points adjusted",
  "tier.pin": "Tier pinned",
  "tier.unpin": "Tier unpinned",
  "tiers.save": "Tiers saved",
  "reward.create": "Reward created",
  "reward.update": "Reward changed",
  "reward.archive": "Reward archived",
  "earning_rule.create": "Way to earn created",
  "earning_rule.update": "Way to earn changed",
  "campaign.create": "Campaign created",
  "campaign.update": "Campaign changed",
  "campaign.archive": "Campaign archived",
  "referral.approve": "Referral approved",
  "referral.reject": "Referral rejected",
  "rfm.settings.updated": "RFM settings changed",
  "rfm.segment.exported": "Segment exported",
  "gdpr.export_download": "GDPR export downloaded",
  "operations.retry": "Failed event retried",
  "operations.retry_all": "All failed events retried",
  "points.pos_award": "Points awarded at POS",
  "redemption.pos_redeem": "Reward redeemed at POS",
};
const ACTORS: Record<string, string> = {
  staff: "Staff",
  system: "LoyalNest",
  shopper: "Customer",
  pos_staff: "POS staff",
  support: "LoyalNest support",
};
const actionLabel = (action: string) => ACTIONS[action] ?? action;

/** What changed, in a short line: "holdoutBp: 0 → 500, programmeEnabled: false → true". */
function describeChanges(changes: Record<string, unknown> | null): string {
  if (!changes) return "";
  const parts = Object.entries(changes)
    .filter(([field]) => field !== "configVersion")
    .map(([field, value]) => {
      if (value && typeof value === "object" && "from" in value && "to" in value) {
        const { from, to } = value as { from: unknown; to: unknown };
        return `${field}: ${short(from)} → ${short(to)}`;
      }
      return `${field}: ${short(value)}`;
    });
  const text = parts.join(", ");
  return text.length > 240 ? `${text.slice(0, 237)}…` : text;
}
const short = (value: unknown) => {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text === undefined ? "–" : text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

/** Who did what in the shop, newest first, filterable by action. */
export function AuditTab() {
  const trpc = useTRPC();
  const [action, setAction] = useState("");
  const pages = useCursorPages();
  const list = useQuery({
    ...trpc.admin.audit.list.queryOptions({
      limit: 25,
      ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }),
      ...(action ? { action } : {}),
    }),
    placeholderData: keepPreviousData,
  });
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            Audit log
          </Text>
          <Text as="p" tone="subdued">
            Every change made in LoyalNest by your staff, at the point of sale or by LoyalNest itself.
          </Text>
        </BlockStack>
        <Box maxWidth="320px">
          <Select
            label="Action"
            options={[
              { label: "All actions", value: "" },
              ...Object.entries(ACTIONS).map(([value, label]) => ({ label, value })),
            ]}
            value={action}
            onChange={(v) => {
              setAction(v);
              pages.reset();
            }}
          />
        </Box>
        {list.isPending ? (
          <CardSkeleton lines={8} />
        ) : list.isError ? (
          <ErrorBanner error={list.error} onRetry={() => void list.refetch()} context="the audit log" />
        ) : list.data.items.length === 0 ? (
          <EmptyState
            heading={action ? "No entries for this action" : "Nothing recorded yet"}
            image={EMPTY_STATE_IMAGE}
            action={action ? { content: "Show all actions", onAction: () => setAction("") } : undefined}
          >
            <p>
              {action
                ? "Nobody has done this yet. Choose another action or show them all."
                : "Changes to settings, points adjustments, reviews and exports are listed here as they happen."}
            </p>
          </EmptyState>
        ) : (
          <BlockStack gap="300">
            <DataTable
              columnContentTypes={["text", "text", "text", "text"]}
              headings={["When", "Who", "What", "Details"]}
              rows={list.data.items.map((e) => [
                <span key="when" style={{ whiteSpace: "nowrap" }}>
                  {formatDateTime(e.createdAt)}
                </span>,
                `${ACTORS[e.actorType] ?? e.actorType}${e.actorId ? ` ${e.actorId}` : ""}`,
                <span key="what" style={{ whiteSpace: "normal" }}>
                  {actionLabel(e.action)}
                  {e.entityId && /^\d{1,12}$/.test(e.entityId)
                    ? ` (${e.entityType.replaceAll("_", " ")} ${e.entityId})`
                    : ""}
                </span>,
                <div key={e.id} style={{ whiteSpace: "normal", minWidth: 200, maxWidth: 420 }}>
                  <BlockStack gap="050">
                    {e.reason ? <Text as="span">Reason: {e.reason}</Text> : null}
                    <Text as="span" variant="bodySm" tone="subdued" breakWord>
                      {describeChanges(e.changes) || "–"}
                    </Text>
                  </BlockStack>
                </div>,
              ])}
            />
            <InlineStack align="center">
              <Pagination
                hasPrevious={pages.hasPrevious}
                onPrevious={pages.previous}
                hasNext={list.data.nextCursor !== null}
                onNext={() => list.data.nextCursor !== null && pages.next(list.data.nextCursor)}
                label={`Page ${pages.page}`}
              />
            </InlineStack>
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}
