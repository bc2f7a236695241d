"use client";
import {
  Badge,
  BlockStack,
  Box,
  Card,
  DataTable,
  Divider,
  InlineStack,
  Pagination,
  Text,
  useBreakpoints,
} from "@shopify/polaris";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatDate, formatNumber } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { ErrorBanner } from "../error-banner";
import { CardSkeleton } from "../skeletons";
import type { LedgerEntry } from "./labels";

const PAGE_SIZE = 15;

const KIND_LABELS: Record<LedgerEntry["kind"], string> = {
  earn: "Earned",
  redeem: "Redeemed",
  refund_clawback: "Refund",
  expire: "Expired",
  adjust: "Adjusted",
  import: "Imported",
  reversal: "Reversed",
};

const SOURCE_LABELS: Record<LedgerEntry["sourceType"], string> = {
  order: "order",
  refund: "refund",
  redemption: "reward",
  referral: "referral",
  campaign: "campaign",
  tier_entry: "tier entry reward",
  signup: "sign-up",
  birthday: "birthday",
  newsletter: "newsletter sign-up",
  review: "product review",
  social: "social follow",
  import_row: "import",
  staff: "staff",
  pos: "point of sale",
  system: "LoyalNest",
};

const ACTOR_LABELS: Record<LedgerEntry["actorType"], string> = {
  staff: "staff",
  system: "automatic",
  shopper: "customer",
  pos_staff: "POS staff",
  support: "LoyalNest support",
};

export function describeEntry(entry: LedgerEntry): string {
  const what =
    entry.kind === "adjust"
      ? `Adjusted by ${ACTOR_LABELS[entry.actorType]}`
      : `${KIND_LABELS[entry.kind]} · ${SOURCE_LABELS[entry.sourceType]}`;
  return entry.reason ? `${what} — ${entry.reason}` : what;
}

function StatusBadge({ entry }: { entry: LedgerEntry }) {
  if (entry.status === "available") return <Badge tone="success">Available</Badge>;
  if (entry.status === "void") return <Badge>Void</Badge>;
  return (
    <Badge tone="attention">
      {entry.availableAt ? `Pending until ${formatDate(entry.availableAt)}` : "Pending"}
    </Badge>
  );
}

function Points({ entry }: { entry: LedgerEntry }) {
  return (
    <Text
      as="span"
      numeric
      tone={entry.status === "void" ? "subdued" : entry.amount < 0 ? "critical" : "success"}
    >
      {entry.amount > 0 ? "+" : ""}
      {formatNumber(entry.amount)}
    </Text>
  );
}

/** The customer's points ledger, newest first, a page at a time. */
export function LedgerCard({ customerId }: { customerId: number }) {
  const trpc = useTRPC();
  const { smDown } = useBreakpoints();
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const ledger = useQuery({
    ...trpc.admin.customers.ledger.queryOptions({
      customerId,
      limit: PAGE_SIZE,
      ...(cursor !== undefined ? { cursor } : {}),
    }),
    placeholderData: keepPreviousData,
  });

  if (ledger.isPending) return <CardSkeleton lines={8} />;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Points history
        </Text>
        {ledger.isError ? (
          <ErrorBanner
            error={ledger.error}
            onRetry={() => void ledger.refetch()}
            context="the points history"
          />
        ) : ledger.data.items.length === 0 ? (
          <Text as="p" tone="subdued">
            No points activity yet. Points this customer earns, spends or is given appear here.
          </Text>
        ) : (
          <div data-testid="ledger">
            {smDown ? (
              <BlockStack gap="0">
                {ledger.data.items.map((entry, index) => (
                  <BlockStack key={entry.id} gap="0">
                    {index > 0 ? <Divider /> : null}
                    <Box paddingBlock="200">
                      <BlockStack gap="100">
                        <InlineStack align="space-between" blockAlign="start" gap="200" wrap={false}>
                          <Text as="span" breakWord>
                            {describeEntry(entry)}
                          </Text>
                          <Points entry={entry} />
                        </InlineStack>
                        <InlineStack gap="200" blockAlign="center" wrap>
                          <Text as="span" tone="subdued" variant="bodySm">
                            {formatDate(entry.occurredAt, { time: true })}
                          </Text>
                          <StatusBadge entry={entry} />
                        </InlineStack>
                      </BlockStack>
                    </Box>
                  </BlockStack>
                ))}
              </BlockStack>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "text", "numeric"]}
                headings={["Date", "Activity", "Status", "Points"]}
                rows={ledger.data.items.map((entry) => [
                  formatDate(entry.occurredAt, { time: true }),
                  <Text as="span" key="what" breakWord>
                    {describeEntry(entry)}
                  </Text>,
                  <StatusBadge key="status" entry={entry} />,
                  <Points key="points" entry={entry} />,
                ])}
              />
            )}
          </div>
        )}
        {cursors.length > 1 || ledger.data?.nextCursor ? (
          <InlineStack align="center">
            <Pagination
              label={`Page ${cursors.length}`}
              hasPrevious={cursors.length > 1}
              onPrevious={() => setCursors((stack) => stack.slice(0, -1))}
              hasNext={Boolean(ledger.data?.nextCursor)}
              onNext={() => {
                const next = ledger.data?.nextCursor;
                if (next) setCursors((stack) => [...stack, next]);
              }}
            />
          </InlineStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
