"use client";
import {
  Badge,
  BlockStack,
  Box,
  Card,
  DataTable,
  Divider,
  InlineGrid,
  InlineStack,
  Layout,
  Text,
} from "@shopify/polaris";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { httpStatusOf } from "../../lib/api-errors";
import { formatDate, formatMoney, formatNumber } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { AdminPage } from "../admin-page";
import { AdminEmptyState } from "../empty-state";
import { ErrorBanner } from "../error-banner";
import { PageSkeleton } from "../skeletons";
import { AdjustPointsModal } from "./adjust-points-modal";
import { CustomerLink } from "./customer-link";
import {
  customerName,
  fraudReasonLabel,
  MembershipBadge,
  ReferralStatusBadge,
  SegmentBadge,
  type CustomerDetail,
} from "./labels";
import { LedgerCard } from "./ledger-card";
import { TierPinModal } from "./tier-pin-modal";

const TIER_REASON_LABELS: Record<CustomerDetail["tierHistory"][number]["reason"], string> = {
  initial: "First tier",
  upgrade: "Upgraded",
  downgrade: "Downgraded",
  pin: "Pinned by staff",
  unpin: "Unpinned by staff",
  pin_expired: "Pin ended",
  import: "Imported",
};

const REDEMPTION_STATUS: Record<
  CustomerDetail["redemptions"][number]["status"],
  { label: string; tone?: "success" | "info" | "attention" }
> = {
  reserved: { label: "Reserved", tone: "attention" },
  issued: { label: "Issued", tone: "info" },
  used: { label: "Used", tone: "success" },
  released: { label: "Released" },
};

/** One customer: balance, tier, RFM, profile, points history, rewards, referrals and tier history. */
export function CustomerPage({ customerId }: { customerId: number }) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.admin.customers.detail.queryOptions({ customerId }));
  const tiers = useQuery(trpc.admin.tiers.list.queryOptions());
  const [adjustOpen, setAdjustOpen] = useState(false);
  const [pinMode, setPinMode] = useState<"pin" | "unpin" | null>(null);

  if (detail.isPending) return <PageSkeleton title="Customer" cards={4} />;
  if (detail.isError) {
    if (httpStatusOf(detail.error) === 404)
      return (
        <AdminPage title="Customer not found" backAction={{ content: "Customers", url: "/customers" }}>
          <AdminEmptyState
            heading="This customer doesn't exist in your store"
            action={{ content: "Back to customers", url: "/customers" }}
          >
            <p>They may have been erased after a data request, or the link is wrong.</p>
          </AdminEmptyState>
        </AdminPage>
      );
    return (
      <AdminPage title="Customer" backAction={{ content: "Customers", url: "/customers" }}>
        <ErrorBanner error={detail.error} onRetry={() => void detail.refetch()} context="this customer" />
      </AdminPage>
    );
  }

  const { customer, balance, redemptions, referralsAsAdvocate, referralAsFriend, tierHistory } = detail.data;
  const name = customerName(customer);
  const tierName = (id: number | null) =>
    id === null ? "No tier" : (tiers.data?.tiers.find((tier) => tier.id === id)?.name ?? `Tier #${id}`);

  return (
    <AdminPage
      title={name}
      subtitle={customer.email && customer.email !== name ? customer.email : undefined}
      titleMetadata={<MembershipBadge status={customer.membershipStatus} />}
      backAction={{ content: "Customers", url: "/customers" }}
      primaryAction={
        customer.isTombstone ? undefined : { content: "Adjust points", onAction: () => setAdjustOpen(true) }
      }
      secondaryActions={
        customer.isTombstone
          ? []
          : customer.tierPinned
            ? [{ content: "Unpin tier", onAction: () => setPinMode("unpin") }]
            : [{ content: "Pin tier", onAction: () => setPinMode("pin") }]
      }
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <InlineGrid columns={{ xs: 1, sm: 2 }} gap="400">
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingSm" tone="subdued">
                    Points balance
                  </Text>
                  <Text as="p" variant="heading2xl" numeric>
                    <span data-testid="points-available">{formatNumber(balance.available)}</span>
                  </Text>
                  <Text as="p" tone="subdued">
                    {balance.pending > 0 ? `${formatNumber(balance.pending)} pending · ` : ""}
                    {formatNumber(balance.lifetimeEarned)} earned, {formatNumber(balance.lifetimeRedeemed)}{" "}
                    spent in total
                  </Text>
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingSm" tone="subdued">
                    VIP tier
                  </Text>
                  <InlineStack gap="200" blockAlign="center" wrap>
                    <Text as="p" variant="headingXl">
                      {customer.tier?.name ?? "No tier"}
                    </Text>
                    {customer.tierPinned ? <Badge tone="info">Pinned</Badge> : null}
                  </InlineStack>
                  <Text as="p" tone="subdued">
                    {customer.tierPinned
                      ? customer.tierPinnedUntil
                        ? `Pinned until ${formatDate(customer.tierPinnedUntil, { time: true })}`
                        : "Pinned until you unpin it"
                      : customer.tierAchievedAt
                        ? `Reached ${formatDate(customer.tierAchievedAt)}`
                        : "Follows the tier thresholds"}
                  </Text>
                </BlockStack>
              </Card>
            </InlineGrid>
            <LedgerCard customerId={customerId} />
            <RedemptionsCard redemptions={redemptions} />
            <ReferralsCard advocate={referralsAsAdvocate} friend={referralAsFriend} />
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Tier history
                </Text>
                {tierHistory.length === 0 ? (
                  <Text as="p" tone="subdued">
                    No tier changes yet.
                  </Text>
                ) : (
                  <DataTable
                    columnContentTypes={["text", "text", "text"]}
                    headings={["Date", "Change", "Details"]}
                    rows={tierHistory.map((entry) => [
                      formatDate(entry.createdAt),
                      `${entry.fromTierId === null && entry.reason === "initial" ? "" : `${tierName(entry.fromTierId)} → `}${tierName(entry.toTierId)}`,
                      <Text as="span" key="details" breakWord>
                        {[
                          TIER_REASON_LABELS[entry.reason],
                          entry.pinnedUntil ? `until ${formatDate(entry.pinnedUntil)}` : null,
                          entry.note,
                        ]
                          .filter(Boolean)
                          .join(" · ")}
                      </Text>,
                    ])}
                  />
                )}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  RFM segment
                </Text>
                <InlineStack gap="200" wrap>
                  <SegmentBadge segment={customer.segment} />
                  {customer.rfm?.bigSpender ? <Badge tone="magic">Big spender</Badge> : null}
                </InlineStack>
                {customer.rfm ? (
                  <>
                    <InlineGrid columns={3} gap="200">
                      <Score label="Recency" value={customer.rfm.recency} />
                      <Score label="Frequency" value={customer.rfm.frequency} />
                      <Score label="Monetary" value={customer.rfm.monetary} />
                    </InlineGrid>
                    <Text as="p" tone="subdued">
                      Composite score {formatNumber(customer.rfm.compositeX10 / 10)} of 5
                    </Text>
                  </>
                ) : (
                  <Text as="p" tone="subdued">
                    Scores are calculated on this customer&apos;s next paid order, or in tonight&apos;s
                    update.
                  </Text>
                )}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Customer
                </Text>
                <Fact label="Email" value={customer.email ?? "Not given"} />
                <Fact label="Phone" value={customer.phone ?? "Not given"} />
                <Fact label="Country" value={customer.countryCode ?? "Not known"} />
                <Fact
                  label="Member since"
                  value={customer.joinedAt ? formatDate(customer.joinedAt) : "Not a member"}
                />
                <Fact
                  label="Last activity"
                  value={customer.lastActivityAt ? formatDate(customer.lastActivityAt) : "None yet"}
                />
                <Fact
                  label="Marketing emails"
                  value={customer.marketingConsent === "subscribed" ? "Subscribed" : "Not subscribed"}
                />
                {customer.tags.length > 0 ? (
                  <BlockStack gap="100">
                    <Text as="h3" variant="headingSm">
                      Tags
                    </Text>
                    <InlineStack gap="100" wrap>
                      {customer.tags.map((tag) => (
                        <Badge key={tag}>{tag}</Badge>
                      ))}
                    </InlineStack>
                  </BlockStack>
                ) : null}
                {customer.holdout ? (
                  <>
                    <Divider />
                    <Text as="p" tone="subdued">
                      In the holdout group: this customer doesn&apos;t see the programme, so its effect can be
                      measured.
                    </Text>
                  </>
                ) : null}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
      <AdjustPointsModal
        customerId={customerId}
        available={balance.available}
        open={adjustOpen}
        onClose={() => setAdjustOpen(false)}
      />
      {pinMode ? (
        <TierPinModal
          customerId={customerId}
          mode={pinMode}
          currentTierId={customer.tier?.id ?? null}
          open
          onClose={() => setPinMode(null)}
        />
      ) : null}
    </AdminPage>
  );
}

function Score({ label, value }: { label: string; value: number }) {
  return (
    <Box background="bg-surface-secondary" padding="200" borderRadius="200">
      <BlockStack gap="050" inlineAlign="center">
        <Text as="span" variant="headingLg" numeric>
          {value}
        </Text>
        <Text as="span" variant="bodySm" tone="subdued">
          {label}
        </Text>
      </BlockStack>
    </Box>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <BlockStack gap="050">
      <Text as="h3" variant="headingSm">
        {label}
      </Text>
      <Text as="p" breakWord>
        {value}
      </Text>
    </BlockStack>
  );
}

function RedemptionsCard({ redemptions }: { redemptions: CustomerDetail["redemptions"] }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Rewards redeemed
        </Text>
        {redemptions.length === 0 ? (
          <Text as="p" tone="subdued">
            No rewards redeemed yet.
          </Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "numeric"]}
            headings={["Date", "Reward", "Status", "Points"]}
            rows={redemptions.map((r) => [
              formatDate(r.createdAt),
              <BlockStack gap="050" key="reward">
                <Text as="span">
                  {r.rewardName ?? `Reward #${r.rewardId}`}
                  {r.valueMinor !== null && r.currency ? ` (${formatMoney(r.valueMinor, r.currency)})` : ""}
                </Text>
                {r.discountCode ? (
                  <Text as="span" tone="subdued" variant="bodySm">
                    Code {r.discountCode}
                    {r.expiresAt ? ` · expires ${formatDate(r.expiresAt)}` : ""}
                  </Text>
                ) : null}
              </BlockStack>,
              <Badge key="status" tone={REDEMPTION_STATUS[r.status].tone}>
                {REDEMPTION_STATUS[r.status].label}
              </Badge>,
              formatNumber(r.pointsSpent),
            ])}
          />
        )}
      </BlockStack>
    </Card>
  );
}

function ReferralsCard({
  advocate,
  friend,
}: {
  advocate: CustomerDetail["referralsAsAdvocate"];
  friend: CustomerDetail["referralAsFriend"];
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Referrals
        </Text>
        {friend ? (
          <InlineStack gap="200" blockAlign="center" wrap>
            <Text as="span">Referred by</Text>
            <CustomerLink customerId={friend.advocateCustomerId} />
            <ReferralStatusBadge status={friend.status} />
            <Text as="span" tone="subdued">
              {formatDate(friend.createdAt)}
            </Text>
          </InlineStack>
        ) : null}
        {advocate.length === 0 ? (
          <Text as="p" tone="subdued">
            {friend ? "Hasn't referred anyone yet." : "Hasn't referred anyone, and wasn't referred."}
          </Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "numeric"]}
            headings={["Date", "Friend", "Status", "Points earned"]}
            rows={advocate.map((r) => [
              formatDate(r.createdAt),
              r.friendCustomerId ? <CustomerLink key="friend" customerId={r.friendCustomerId} /> : "Guest",
              <BlockStack gap="050" key="status">
                <ReferralStatusBadge status={r.status} />
                {r.fraudReasons.length > 0 ? (
                  <Text as="span" variant="bodySm" tone="subdued">
                    {r.fraudReasons.map(fraudReasonLabel).join("; ")}
                  </Text>
                ) : null}
              </BlockStack>,
              formatNumber(r.advocatePointsAwarded),
            ])}
          />
        )}
      </BlockStack>
    </Card>
  );
}
