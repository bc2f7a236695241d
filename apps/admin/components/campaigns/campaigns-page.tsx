"use client";
import {
  BlockStack,
  Card,
  IndexTable,
  InlineStack,
  Layout,
  Link,
  Pagination,
  Tabs,
  Text,
  useBreakpoints,
} from "@shopify/polaris";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { browserTimeZone } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { AdminPage } from "../admin-page";
import { AdminEmptyState } from "../empty-state";
import { ErrorBanner } from "../error-banner";
import { CardSkeleton } from "../skeletons";
import {
  CampaignStatusBadge,
  describeAudience,
  describeReward,
  describeWindow,
  STATUS_LABELS,
} from "./campaign-labels";

const PAGE_SIZE = 25;
const TABS = [
  { id: "all", content: "All" },
  { id: "active", content: STATUS_LABELS.active },
  { id: "upcoming", content: STATUS_LABELS.upcoming },
  { id: "paused", content: STATUS_LABELS.paused },
  { id: "ended", content: STATUS_LABELS.ended },
  { id: "archived", content: STATUS_LABELS.archived },
] as const;

/** Campaigns: every bonus campaign by status, with what it gives, when and to whom. */
export function CampaignsPage() {
  const trpc = useTRPC();
  const { smDown } = useBreakpoints();
  const [tab, setTab] = useState(0);
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const status = TABS[tab]!.id;
  const cursor = cursors.at(-1);
  const list = useQuery({
    ...trpc.admin.campaigns.list.queryOptions({
      status,
      limit: PAGE_SIZE,
      ...(cursor !== undefined ? { cursor } : {}),
    }),
    placeholderData: keepPreviousData,
  });
  const settings = useQuery(trpc.admin.settings.get.queryOptions());
  const tiers = useQuery(trpc.admin.tiers.list.queryOptions());
  const currency = settings.data?.currency ?? "USD";
  const tierName = (id: number) => tiers.data?.tiers.find((tier) => tier.id === id)?.name ?? `Tier #${id}`;

  const items = list.data?.items ?? [];
  const noCampaignsAtAll = status === "all" && cursors.length === 1 && list.isSuccess && items.length === 0;

  return (
    <AdminPage
      title="Campaigns"
      subtitle="Time-limited bonus points for everyone or chosen customers"
      primaryAction={{ content: "Create campaign", url: "/campaigns/new" }}
    >
      <Layout>
        <Layout.Section>
          {list.isError ? (
            <ErrorBanner error={list.error} onRetry={() => void list.refetch()} context="your campaigns" />
          ) : list.isPending ? (
            <CardSkeleton lines={8} />
          ) : noCampaignsAtAll ? (
            <AdminEmptyState
              heading="Run your first bonus campaign"
              action={{ content: "Create campaign", url: "/campaigns/new" }}
            >
              <p>
                Give double points for a weekend, or a bonus on orders over a set amount, to everyone or to
                chosen tiers, segments, countries or tagged customers.
              </p>
            </AdminEmptyState>
          ) : (
            <Card padding="0">
              <Tabs
                tabs={TABS.map((t) => ({ ...t, panelID: "campaign-list" }))}
                selected={tab}
                onSelect={(index) => {
                  setTab(index);
                  setCursors([undefined]);
                }}
              />
              <div id="campaign-list">
                <IndexTable
                  resourceName={{ singular: "campaign", plural: "campaigns" }}
                  itemCount={items.length}
                  selectable={false}
                  condensed={smDown}
                  loading={list.isFetching}
                  emptyState={
                    <BlockStack gap="200" inlineAlign="center">
                      <Text as="p" variant="headingMd" alignment="center">
                        No {STATUS_LABELS[status as keyof typeof STATUS_LABELS]?.toLowerCase() ?? ""}{" "}
                        campaigns
                      </Text>
                      <Link url="/campaigns/new">Create a campaign</Link>
                    </BlockStack>
                  }
                  headings={[
                    { title: "Campaign" },
                    { title: "Status" },
                    { title: "Bonus" },
                    { title: "When" },
                    { title: "Who" },
                  ]}
                >
                  {items.map((campaign, index) => (
                    <IndexTable.Row id={String(campaign.id)} key={campaign.id} position={index}>
                      {smDown ? (
                        <IndexTable.Cell>
                          <BlockStack gap="100">
                            <InlineStack align="space-between" gap="200" wrap={false}>
                              <Link url={`/campaigns/${campaign.id}`} dataPrimaryLink removeUnderline>
                                <Text as="span" fontWeight="semibold">
                                  {campaign.name}
                                </Text>
                              </Link>
                              <CampaignStatusBadge status={campaign.status} />
                            </InlineStack>
                            <Text as="span">{describeReward(campaign, currency)}</Text>
                            <Text as="span" tone="subdued" variant="bodySm">
                              {describeWindow(campaign)}
                            </Text>
                            <Text as="span" tone="subdued" variant="bodySm">
                              {describeAudience(campaign.target, tierName)}
                            </Text>
                          </BlockStack>
                        </IndexTable.Cell>
                      ) : (
                        <>
                          <IndexTable.Cell>
                            <Link url={`/campaigns/${campaign.id}`} dataPrimaryLink removeUnderline>
                              <Text as="span" fontWeight="semibold">
                                {campaign.name}
                              </Text>
                            </Link>
                          </IndexTable.Cell>
                          <IndexTable.Cell>
                            <CampaignStatusBadge status={campaign.status} />
                          </IndexTable.Cell>
                          <IndexTable.Cell>{describeReward(campaign, currency)}</IndexTable.Cell>
                          <IndexTable.Cell>{describeWindow(campaign)}</IndexTable.Cell>
                          <IndexTable.Cell>{describeAudience(campaign.target, tierName)}</IndexTable.Cell>
                        </>
                      )}
                    </IndexTable.Row>
                  ))}
                </IndexTable>
              </div>
              <div style={{ padding: "var(--p-space-300)" }}>
                <BlockStack gap="200" inlineAlign="center">
                  {cursors.length > 1 || list.data?.nextCursor ? (
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
                  ) : null}
                  <Text as="p" variant="bodySm" tone="subdued">
                    Times shown in {browserTimeZone()}.
                  </Text>
                </BlockStack>
              </div>
            </Card>
          )}
        </Layout.Section>
      </Layout>
    </AdminPage>
  );
}
