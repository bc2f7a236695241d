"use client";
import {
  Badge,
  BlockStack,
  Box,
  Card,
  IndexTable,
  InlineStack,
  Link,
  Pagination,
  Tabs,
  Text,
  useBreakpoints,
} from "@shopify/polaris";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../lib/trpc";
import { AdminEmptyState } from "../empty-state";
import { ErrorBanner } from "../error-banner";
import { CardSkeleton } from "../skeletons";
import { rewardCostText, rewardTypeLabel, rewardValueText, type Reward, type Settings } from "./labels";

const PAGE_SIZE = 10;
const TABS = [
  { id: "catalogue", content: "Catalogue", archived: "exclude" as const },
  { id: "archived", content: "Archived", archived: "only" as const },
];

/** The rewards catalogue (or the archived rewards), a page at a time; each row opens the reward. */
export function RewardsCard() {
  const trpc = useTRPC();
  const { smDown } = useBreakpoints();
  const [tab, setTab] = useState(0);
  // Cursors of the pages before the current one (the first page has none).
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const archived = TABS[tab]!.archived;
  const rewards = useQuery(
    trpc.admin.rewards.list.queryOptions({
      archived,
      limit: PAGE_SIZE,
      ...(cursor !== undefined ? { cursor } : {}),
    }),
  );
  const settings = useQuery(trpc.admin.settings.get.queryOptions());

  const tabs = (
    <Tabs
      tabs={TABS.map(({ id, content }) => ({ id, content, panelID: `${id}-rewards` }))}
      selected={tab}
      onSelect={(index) => {
        setTab(index);
        setCursors([undefined]);
      }}
    />
  );

  let body;
  if (rewards.isPending || settings.isPending) body = <CardSkeleton lines={6} />;
  else if (rewards.isError || settings.isError)
    body = (
      <Box padding="400">
        <ErrorBanner
          error={rewards.error ?? settings.error}
          onRetry={() => {
            void rewards.refetch();
            void settings.refetch();
          }}
          context="your rewards"
        />
      </Box>
    );
  else if (rewards.data.items.length === 0 && cursors.length === 1)
    body =
      archived === "only" ? (
        <Box padding="400">
          <Text as="p" tone="subdued">
            No archived rewards. Rewards you archive are kept here with their settings.
          </Text>
        </Box>
      ) : (
        <AdminEmptyState
          heading="Create your first reward"
          action={{ content: "Add reward", url: "/points/rewards/new" }}
        >
          <p>
            Give customers something to spend points on: a discount, free shipping, a free product or store
            credit.
          </p>
        </AdminEmptyState>
      );
  else
    body = (
      <BlockStack gap="0">
        <IndexTable
          resourceName={{ singular: "reward", plural: "rewards" }}
          itemCount={rewards.data.items.length}
          selectable={false}
          condensed={smDown}
          headings={[
            { title: "Reward" },
            { title: "Type" },
            { title: "Customer pays" },
            { title: "Customer gets" },
            { title: "Status" },
          ]}
        >
          {rewards.data.items.map((reward, index) => (
            <RewardRow
              key={reward.id}
              reward={reward}
              index={index}
              settings={settings.data}
              condensed={smDown}
            />
          ))}
        </IndexTable>
        {cursors.length > 1 || rewards.data.nextCursor ? (
          <Box padding="300">
            <InlineStack align="center">
              <Pagination
                hasPrevious={cursors.length > 1}
                onPrevious={() => setCursors((list) => list.slice(0, -1))}
                hasNext={Boolean(rewards.data.nextCursor)}
                onNext={() => setCursors((list) => [...list, rewards.data.nextCursor ?? undefined])}
                accessibilityLabels={{ previous: "Previous rewards", next: "More rewards" }}
              />
            </InlineStack>
          </Box>
        ) : null}
      </BlockStack>
    );

  return (
    <Card padding="0">
      {tabs}
      <div id={`${TABS[tab]!.id}-rewards`} role="tabpanel" aria-labelledby={TABS[tab]!.id}>
        {body}
      </div>
    </Card>
  );
}

function StatusBadge({ reward }: { reward: Reward }) {
  if (reward.archivedAt) return <Badge>Archived</Badge>;
  return reward.active ? <Badge tone="success">Active</Badge> : <Badge tone="attention">Off</Badge>;
}

function RewardRow({
  reward,
  index,
  settings,
  condensed,
}: {
  reward: Reward;
  index: number;
  settings: Settings;
  condensed: boolean;
}) {
  const name = (
    <Link url={`/points/rewards/${reward.id}`} dataPrimaryLink removeUnderline monochrome>
      <Text as="span" fontWeight="semibold">
        {reward.name}
      </Text>
    </Link>
  );
  if (condensed)
    return (
      <IndexTable.Row id={String(reward.id)} position={index}>
        <Box padding="300">
          <BlockStack gap="100">
            <InlineStack align="space-between" gap="200" blockAlign="center" wrap={false}>
              {name}
              <StatusBadge reward={reward} />
            </InlineStack>
            <Text as="p" tone="subdued">
              {rewardTypeLabel(reward.type)} · {rewardValueText(reward, settings.currency)}
            </Text>
            <Text as="p">{rewardCostText(reward, settings)}</Text>
          </BlockStack>
        </Box>
      </IndexTable.Row>
    );
  return (
    <IndexTable.Row id={String(reward.id)} position={index}>
      <IndexTable.Cell>{name}</IndexTable.Cell>
      <IndexTable.Cell>{rewardTypeLabel(reward.type)}</IndexTable.Cell>
      <IndexTable.Cell>{rewardCostText(reward, settings)}</IndexTable.Cell>
      <IndexTable.Cell>{rewardValueText(reward, settings.currency)}</IndexTable.Cell>
      <IndexTable.Cell>
        <StatusBadge reward={reward} />
      </IndexTable.Cell>
    </IndexTable.Row>
  );
}
