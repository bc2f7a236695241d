"use client";
import {
  Badge,
  BlockStack,
  Box,
  Button,
  Card,
  Divider,
  InlineStack,
  ProgressBar,
  Text,
} from "@shopify/polaris";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc";
import { ErrorBanner } from "../error-banner";
import { useEmbedding } from "../providers";
import { CardSkeleton } from "../skeletons";

/** Where the theme editor's app embeds are, in Shopify's admin (App Bridge resolves `shopify://admin`). */
const THEME_EDITOR_APP_EMBEDS = "shopify://admin/themes/current/editor?context=apps";

interface Step {
  id: string;
  title: string;
  description: string;
  /** true / false when LoyalNest can tell; null when it cannot (checked by the merchant). */
  done: boolean | null;
  action?: { content: string; url: string };
}

/** The five steps from an empty shop to a running programme, each with where to do it. */
export function SetupChecklist() {
  const trpc = useTRPC();
  const { mode } = useEmbedding();
  const settings = useQuery(trpc.admin.settings.get.queryOptions());
  const rewards = useQuery(trpc.admin.rewards.list.queryOptions({ limit: 1 }));
  const tiers = useQuery(trpc.admin.tiers.list.queryOptions());

  if (settings.isPending) return <CardSkeleton lines={8} />;
  if (settings.isError)
    return (
      <ErrorBanner
        error={settings.error}
        onRetry={() => void settings.refetch()}
        context="your setup checklist"
      />
    );

  const s = settings.data;
  const steps: Step[] = [
    {
      id: "programme",
      title: "Turn on your loyalty programme",
      description: "Customers start earning points on their orders once the programme is on.",
      done: s.programmeEnabled,
      action: { content: "Open settings", url: "/settings" },
    },
    {
      id: "widget",
      title: "Add the rewards widget to your theme",
      description:
        "In your theme editor, turn on the LoyalNest app embed under App embeds so shoppers can see and spend their points.",
      done: null,
      ...(mode === "app-bridge"
        ? { action: { content: "Open theme editor", url: THEME_EDITOR_APP_EMBEDS } }
        : {}),
    },
    {
      id: "reward",
      title: "Create your first reward",
      description:
        "A discount, free shipping, a free product or store credit that customers buy with points.",
      done: rewards.data ? rewards.data.items.length > 0 : false,
      action: { content: "Add a reward", url: "/points" },
    },
    {
      id: "tiers",
      title: "Set up VIP tiers",
      description: "Reward your best customers with bigger point multipliers and perks.",
      done: tiers.data ? tiers.data.tiers.some((tier) => tier.active) : false,
      action: { content: "Edit tiers", url: "/tiers" },
    },
    {
      id: "referrals",
      title: "Turn on referrals",
      description: "Choose what the customer who refers and the friend they invite each receive.",
      done: s.config.referrals.enabled && s.config.referrals.friendRewardId !== null,
      action: { content: "Set up referrals", url: "/referrals" },
    },
  ];
  const tracked = steps.filter((step) => step.done !== null);
  const completed = tracked.filter((step) => step.done).length;
  const lookupError = rewards.error ?? tiers.error;

  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="200">
          <InlineStack align="space-between" blockAlign="center" gap="200">
            <Text as="h2" variant="headingMd">
              {completed === tracked.length ? "Your programme is set up" : "Set up your programme"}
            </Text>
            <Text as="p" tone="subdued">
              {completed} of {tracked.length} done
            </Text>
          </InlineStack>
          <ProgressBar
            progress={(completed / tracked.length) * 100}
            size="small"
            tone="success"
            ariaLabelledBy="setup-progress-label"
          />
          <span id="setup-progress-label" hidden>
            Setup progress
          </span>
        </BlockStack>
        {lookupError ? (
          <ErrorBanner
            error={lookupError}
            onRetry={() => {
              void rewards.refetch();
              void tiers.refetch();
            }}
            context="your rewards and tiers"
          />
        ) : null}
        <BlockStack gap="0">
          {steps.map((step, index) => (
            <BlockStack key={step.id} gap="0">
              {index > 0 ? <Divider /> : null}
              <Box paddingBlock="300" data-testid={`setup-step-${step.id}`}>
                <InlineStack align="space-between" blockAlign="center" gap="300" wrap>
                  <Box minWidth="0" maxWidth="100%">
                    <BlockStack gap="100">
                      <InlineStack align="start" gap="200" blockAlign="center" wrap>
                        <Text as="h3" variant="headingSm">
                          {step.title}
                        </Text>
                        <StepBadge done={step.done} />
                      </InlineStack>
                      <Text as="p" tone="subdued">
                        {step.description}
                      </Text>
                    </BlockStack>
                  </Box>
                  {step.action && step.done !== true ? (
                    <Button
                      url={step.action.url}
                      accessibilityLabel={`${step.action.content}: ${step.title}`}
                    >
                      {step.action.content}
                    </Button>
                  ) : null}
                </InlineStack>
              </Box>
            </BlockStack>
          ))}
        </BlockStack>
      </BlockStack>
    </Card>
  );
}

function StepBadge({ done }: { done: boolean | null }) {
  if (done === null) return <Badge tone="info">Check in your theme</Badge>;
  return done ? (
    <Badge tone="success" progress="complete">
      Done
    </Badge>
  ) : (
    <Badge progress="incomplete">To do</Badge>
  );
}
