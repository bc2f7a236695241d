"use client";
import { Badge, BlockStack, Box, Button, Card, Divider, InlineStack, Text } from "@shopify/polaris";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { describeApiError } from "../../lib/api-errors";
import { useTRPC } from "../../lib/trpc";
import { AdminEmptyState } from "../empty-state";
import { ErrorBanner } from "../error-banner";
import { CardSkeleton } from "../skeletons";
import { useToast } from "../toast";
import { RULE_KINDS, ruleDescription, ruleSummary, ruleTitle, type EarningRule } from "./labels";

/** Every earning rule with what it awards, on/off, and a link to edit it (and see its versions). */
export function EarningRulesCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const rules = useQuery(trpc.admin.earningRules.list.queryOptions());
  const settings = useQuery(trpc.admin.settings.get.queryOptions());
  const setActive = useMutation(
    trpc.admin.earningRules.setActive.mutationOptions({
      onSuccess: (rule) => {
        void queryClient.invalidateQueries({ queryKey: trpc.admin.earningRules.pathKey() });
        toast(`${ruleTitle(rule.kind, rule.network)} turned ${rule.active ? "on" : "off"}`);
      },
      onError: (error) => toast(describeApiError(error).title, { error: true }),
    }),
  );

  if (rules.isPending || settings.isPending) return <CardSkeleton lines={8} />;
  if (rules.isError || settings.isError)
    return (
      <ErrorBanner
        error={rules.error ?? settings.error}
        onRetry={() => {
          void rules.refetch();
          void settings.refetch();
        }}
        context="your ways to earn"
      />
    );

  const items = [...rules.data.items].sort(
    (a, b) =>
      RULE_KINDS.indexOf(a.kind) - RULE_KINDS.indexOf(b.kind) ||
      (a.network ?? "").localeCompare(b.network ?? ""),
  );
  if (items.length === 0)
    return (
      <AdminEmptyState
        heading="Choose how customers earn points"
        action={{ content: "Add a way to earn", url: "/points/earning/new" }}
      >
        <p>Start with purchases: customers earn points on every paid order.</p>
      </AdminEmptyState>
    );

  return (
    <Card>
      <BlockStack gap="0">
        {items.map((rule, index) => (
          <BlockStack key={rule.id} gap="0">
            {index > 0 ? <Divider /> : null}
            <RuleRow
              rule={rule}
              summary={ruleSummary(rule.settings, settings.data)}
              toggling={setActive.isPending && setActive.variables?.ruleId === rule.id}
              onToggle={() => setActive.mutate({ ruleId: rule.id, active: !rule.active })}
            />
          </BlockStack>
        ))}
      </BlockStack>
    </Card>
  );
}

function RuleRow({
  rule,
  summary,
  toggling,
  onToggle,
}: {
  rule: EarningRule;
  summary: string;
  toggling: boolean;
  onToggle: () => void;
}) {
  const title = ruleTitle(rule.kind, rule.network);
  return (
    <Box
      paddingBlock="300"
      data-testid={`earning-rule-${rule.kind}${rule.network ? `-${rule.network}` : ""}`}
    >
      <InlineStack align="space-between" blockAlign="center" gap="300" wrap>
        <Box minWidth="0" maxWidth="100%">
          <BlockStack gap="100">
            <InlineStack align="start" gap="200" blockAlign="center" wrap>
              <Text as="h3" variant="headingSm">
                {title}
              </Text>
              {rule.active ? <Badge tone="success">On</Badge> : <Badge>Off</Badge>}
            </InlineStack>
            <Text as="p" fontWeight="medium">
              {summary}
            </Text>
            <Text as="p" tone="subdued" variant="bodySm">
              {ruleDescription(rule.kind)} Version {rule.currentVersion}.
            </Text>
          </BlockStack>
        </Box>
        <InlineStack align="start" gap="200">
          <Button
            onClick={onToggle}
            loading={toggling}
            accessibilityLabel={`Turn ${rule.active ? "off" : "on"}: ${title}`}
          >
            {rule.active ? "Turn off" : "Turn on"}
          </Button>
          <Button url={`/points/earning/${rule.id}`} accessibilityLabel={`Edit: ${title}`}>
            Edit
          </Button>
        </InlineStack>
      </InlineStack>
    </Box>
  );
}
