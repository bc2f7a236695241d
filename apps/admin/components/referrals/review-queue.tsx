"use client";
import {
  Badge,
  BlockStack,
  Box,
  Button,
  Card,
  Divider,
  InlineStack,
  List,
  Modal,
  Pagination,
  Text,
} from "@shopify/polaris";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { describeApiError } from "../../lib/api-errors";
import { formatDate, formatNumber } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { CustomerLink } from "../customers/customer-link";
import { fraudReasonLabel, type Referral } from "../customers/labels";
import { ErrorBanner } from "../error-banner";
import { CardSkeleton } from "../skeletons";
import { useToast } from "../toast";

const PAGE_SIZE = 10;

/** Flagged referrals, oldest first, each with its score, reasons and Approve / Reject. */
export function ReviewQueue() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const queue = useQuery({
    ...trpc.admin.referrals.reviewQueue.queryOptions({
      limit: PAGE_SIZE,
      ...(cursor !== undefined ? { cursor } : {}),
    }),
    placeholderData: keepPreviousData,
  });
  const review = useMutation(trpc.admin.referrals.review.mutationOptions());
  const [rejecting, setRejecting] = useState<Referral | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);

  const decide = (referral: Referral, decision: "approve" | "reject") => {
    setBusyId(referral.id);
    review.mutate(
      { referralId: referral.id, decision },
      {
        onSuccess: (result) => {
          void queryClient.invalidateQueries({ queryKey: trpc.admin.referrals.pathKey() });
          void queryClient.invalidateQueries({ queryKey: trpc.admin.analytics.referralFunnel.pathKey() });
          void queryClient.invalidateQueries({ queryKey: trpc.admin.customers.pathKey() });
          setRejecting(null);
          if (result.outcome === "duplicate") toast("This referral was already reviewed");
          else if (result.outcome === "approved")
            toast(
              result.referral.advocatePointsAwarded > 0
                ? `Referral approved: advocate earned ${formatNumber(result.referral.advocatePointsAwarded)} points`
                : "Referral approved: the advocate's reward is on its way",
            );
          else toast("Referral rejected: no one was rewarded");
        },
        onError: (error) => {
          const problem = describeApiError(error);
          toast(`Couldn't review the referral. ${problem.detail ?? problem.title}`, { error: true });
        },
        onSettled: () => setBusyId(null),
      },
    );
  };

  if (queue.isPending) return <CardSkeleton lines={4} />;
  if (queue.isError)
    return (
      <ErrorBanner
        error={queue.error}
        onRetry={() => void queue.refetch()}
        context="the referral review queue"
      />
    );
  const items = queue.data.items;

  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <Text as="h2" variant="headingMd">
            Waiting for your review
          </Text>
          {items.length > 0 ? (
            <Badge tone="warning">{`${formatNumber(items.length)}${queue.data.nextCursor ? "+" : ""} flagged`}</Badge>
          ) : null}
        </InlineStack>
        {items.length === 0 ? (
          <Text as="p" tone="subdued">
            No flagged referrals. Referrals that break a fraud rule wait here for you to approve or reject,
            instead of rewarding anyone.
          </Text>
        ) : (
          <BlockStack gap="0">
            {items.map((referral, index) => (
              <BlockStack key={referral.id} gap="0">
                {index > 0 ? <Divider /> : null}
                <Box paddingBlock="300" data-testid={`flagged-referral-${referral.id}`}>
                  <BlockStack gap="200">
                    <InlineStack align="space-between" blockAlign="start" gap="300" wrap>
                      <BlockStack gap="100">
                        <InlineStack gap="100" blockAlign="center" wrap>
                          <CustomerLink customerId={referral.advocateCustomerId} />
                          <Text as="span" tone="subdued">
                            referred
                          </Text>
                          {referral.friendCustomerId ? (
                            <CustomerLink customerId={referral.friendCustomerId} />
                          ) : (
                            <Text as="span">a guest</Text>
                          )}
                        </InlineStack>
                        <Text as="p" tone="subdued" variant="bodySm">
                          {referral.firstOrderPaidAt
                            ? `First order paid ${formatDate(referral.firstOrderPaidAt, { time: true })}`
                            : `Created ${formatDate(referral.createdAt, { time: true })}`}
                        </Text>
                      </BlockStack>
                      <Badge tone={referral.fraudScore >= 70 ? "critical" : "warning"}>
                        {`Fraud score ${referral.fraudScore} of 100`}
                      </Badge>
                    </InlineStack>
                    {referral.fraudReasons.length > 0 ? (
                      <List type="bullet">
                        {referral.fraudReasons.map((reason) => (
                          <List.Item key={reason}>{fraudReasonLabel(reason)}</List.Item>
                        ))}
                      </List>
                    ) : null}
                    <InlineStack gap="200">
                      <Button
                        variant="primary"
                        onClick={() => decide(referral, "approve")}
                        loading={busyId === referral.id && review.variables?.decision === "approve"}
                        disabled={busyId !== null && busyId !== referral.id}
                        accessibilityLabel={`Approve referral ${referral.id}`}
                      >
                        Approve
                      </Button>
                      <Button
                        tone="critical"
                        onClick={() => setRejecting(referral)}
                        disabled={busyId !== null}
                        accessibilityLabel={`Reject referral ${referral.id}`}
                      >
                        Reject
                      </Button>
                    </InlineStack>
                  </BlockStack>
                </Box>
              </BlockStack>
            ))}
          </BlockStack>
        )}
        {cursors.length > 1 || queue.data.nextCursor ? (
          <InlineStack align="center">
            <Pagination
              hasPrevious={cursors.length > 1}
              onPrevious={() => setCursors((stack) => stack.slice(0, -1))}
              hasNext={Boolean(queue.data.nextCursor)}
              onNext={() => {
                const next = queue.data.nextCursor;
                if (next) setCursors((stack) => [...stack, next]);
              }}
            />
          </InlineStack>
        ) : null}
      </BlockStack>
      <Modal
        open={rejecting !== null}
        onClose={() => setRejecting(null)}
        title="Reject this referral?"
        primaryAction={{
          content: "Reject referral",
          destructive: true,
          loading: review.isPending,
          onAction: () => rejecting && decide(rejecting, "reject"),
        }}
        secondaryActions={[{ content: "Cancel", onAction: () => setRejecting(null) }]}
      >
        <Modal.Section>
          <Text as="p">
            The advocate won&apos;t be rewarded for this referral. This can&apos;t be undone.
          </Text>
        </Modal.Section>
      </Modal>
    </Card>
  );
}
