"use client";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineStack,
  Text,
  EmptyState,
} from "@shopify/polaris";
import { useMutation, useQuery } from "@tanstack/react-query";
import { formatNumber } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { EMPTY_STATE_IMAGE } from "../empty-state";
import { ErrorBanner } from "../error-banner";
import { CardSkeleton } from "../skeletons";
import { useToast } from "../toast";
import { formatDateTime } from "./dates";

const TOPICS: Record<string, string> = {
  "orders/paid": "Order paid",
  "orders/create": "Order created",
  "orders/updated": "Order updated",
  "orders/cancelled": "Order cancelled",
  "refunds/create": "Refund",
  "customers/create": "Customer created",
  "customers/update": "Customer updated",
  "customers/delete": "Customer deleted",
  "customers/data_request": "Customer data request",
  "customers/redact": "Customer erasure",
  "shop/redact": "Shop erasure",
  "app/uninstalled": "App uninstalled",
};
const topicLabel = (topic: string) => TOPICS[topic] ?? topic;

/** Shopify events that failed to process and dead-lettered jobs, each with its error and Retry. */
export function OperationsTab() {
  const trpc = useTRPC();
  const toast = useToast();
  const work = useQuery(trpc.admin.operations.failedWork.queryOptions({ limit: 100 }));
  const retry = useMutation(
    trpc.admin.operations.retry.mutationOptions({
      onSuccess: () => {
        toast("Queued to run again");
        void work.refetch();
      },
    }),
  );
  const retryAll = useMutation(
    trpc.admin.operations.retryAll.mutationOptions({
      onSuccess: ({ retried }) => {
        toast(
          retried === 1
            ? "1 event queued to run again"
            : `${formatNumber(retried)} events queued to run again`,
        );
        void work.refetch();
      },
    }),
  );

  if (work.isPending) return <CardSkeleton lines={6} />;
  if (work.isError)
    return <ErrorBanner error={work.error} onRetry={() => void work.refetch()} context="failed work" />;
  const { deliveries, deadJobs, queueAvailable } = work.data;
  const retryable = deliveries.filter((d) => d.status === "failed" || d.status === "dead").length;
  const statusBadge = (status: string) =>
    status === "parked" ? (
      <Badge tone="info">Waiting for its order</Badge>
    ) : status === "dead" ? (
      <Badge tone="critical">Gave up</Badge>
    ) : (
      <Badge tone="warning">Failed</Badge>
    );

  return (
    <BlockStack gap="400">
      {!queueAvailable ? (
        <Banner tone="warning" title="Background jobs can't be listed right now">
          <p>
            The job queue is not reachable, so dead jobs are not shown. Retry later or contact LoyalNest
            support.
          </p>
        </Banner>
      ) : null}
      {retry.isError ? <ErrorBanner error={retry.error} /> : null}
      {retryAll.isError ? <ErrorBanner error={retryAll.error} /> : null}
      <Card>
        <BlockStack gap="400">
          <InlineStack align="space-between" blockAlign="start" gap="300" wrap>
            <BlockStack gap="100">
              <Text as="h2" variant="headingMd">
                Shopify events that failed
              </Text>
              <Text as="p" tone="subdued">
                Orders, refunds and customer updates LoyalNest could not process. Retrying is safe: an event
                is never applied twice.
              </Text>
            </BlockStack>
            <Button
              variant="primary"
              disabled={retryable === 0}
              loading={retryAll.isPending}
              onClick={() => retryAll.mutate({})}
            >
              Retry all
            </Button>
          </InlineStack>
          {deliveries.length === 0 ? (
            <EmptyState heading="Everything is processed" image={EMPTY_STATE_IMAGE}>
              <p>
                No Shopify event is failing. Events that fail appear here with the reason and a Retry button.
              </p>
            </EmptyState>
          ) : (
            <DataTable
              columnContentTypes={["text", "text", "text", "numeric", "text", "text"]}
              headings={["Received", "Event", "Status", "Attempts", "Error", ""]}
              rows={deliveries.map((d) => [
                formatDateTime(d.receivedAt),
                topicLabel(d.topic),
                statusBadge(d.status),
                formatNumber(d.attempts),
                d.lastError ?? "–",
                <Button
                  key={d.id}
                  size="slim"
                  loading={retry.isPending && retry.variables?.deliveryId === d.id}
                  onClick={() => retry.mutate({ deliveryId: d.id })}
                  accessibilityLabel={`Retry ${topicLabel(d.topic)} received ${formatDateTime(d.receivedAt)}`}
                >
                  Retry
                </Button>,
              ])}
            />
          )}
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="400">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              Background jobs that gave up
            </Text>
            <Text as="p" tone="subdued">
              Jobs that failed every attempt. Retrying runs the Shopify event they belong to again.
            </Text>
          </BlockStack>
          {deadJobs.length === 0 ? (
            <Text as="p" tone="subdued">
              No background job has given up.
            </Text>
          ) : (
            <DataTable
              columnContentTypes={["text", "text", "text", "text"]}
              headings={["Failed", "Event", "Error", ""]}
              rows={deadJobs.map((j) => [
                formatDateTime(j.failedAt),
                topicLabel(j.topic),
                j.error ?? "–",
                <Button
                  key={j.jobId}
                  size="slim"
                  loading={retry.isPending && retry.variables?.deliveryId === j.deliveryId}
                  onClick={() => retry.mutate({ deliveryId: j.deliveryId })}
                  accessibilityLabel={`Retry the ${topicLabel(j.topic)} job that failed ${formatDateTime(j.failedAt)}`}
                >
                  Retry
                </Button>,
              ])}
            />
          )}
        </BlockStack>
      </Card>
    </BlockStack>
  );
}
