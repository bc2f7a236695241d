"use client";
import {
  Badge,
  BlockStack,
  Box,
  Button,
  Card,
  DataTable,
  InlineStack,
  Pagination,
  Select,
  Text,
  type BadgeProps,
} from "@shopify/polaris";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { downloadJson } from "../../lib/download";
import { useTRPC } from "../../lib/trpc";
import { EMPTY_STATE_IMAGE } from "../empty-state";
import { ErrorBanner } from "../error-banner";
import { CardSkeleton } from "../skeletons";
import { useToast } from "../toast";
import { EmptyState } from "@shopify/polaris";
import { formatDateTime } from "./dates";
import { useCursorPages } from "./paged";

type Kind = "data_request" | "customer_redact" | "shop_redact";
type Status = "received" | "processing" | "completed" | "failed";

const KINDS: Record<Kind, string> = {
  data_request: "Customer data request",
  customer_redact: "Customer erasure",
  shop_redact: "Shop erasure",
};
const STATUSES: Record<Status, { label: string; tone?: BadgeProps["tone"] }> = {
  received: { label: "Received", tone: "info" },
  processing: { label: "Processing", tone: "attention" },
  completed: { label: "Completed", tone: "success" },
  failed: { label: "Failed", tone: "critical" },
};

/** GDPR requests Shopify sent for the shop, with their status; a data request's export downloads as JSON. */
export function GdprTab() {
  const trpc = useTRPC();
  const toast = useToast();
  const [kind, setKind] = useState<Kind | "">("");
  const [status, setStatus] = useState<Status | "">("");
  const pages = useCursorPages();
  const list = useQuery({
    ...trpc.admin.gdpr.list.queryOptions({
      limit: 20,
      ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }),
      ...(kind ? { kind } : {}),
      ...(status ? { status } : {}),
    }),
    placeholderData: keepPreviousData,
  });
  const download = useMutation(
    trpc.admin.gdpr.downloadExport.mutationOptions({
      onSuccess: (file) => {
        downloadJson(file.fileName, file.export);
        toast("Export downloaded");
      },
    }),
  );

  const filtered = Boolean(kind || status);
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            GDPR requests
          </Text>
          <Text as="p" tone="subdued">
            Requests your customers made through Shopify to see or erase their data. LoyalNest completes them
            within minutes. Download a data request&apos;s export to send it to the customer; each download is
            recorded in the audit log.
          </Text>
        </BlockStack>
        <InlineStack gap="300" wrap>
          <Box minWidth="200px">
            <Select
              label="Type"
              options={[
                { label: "All types", value: "" },
                ...Object.entries(KINDS).map(([value, label]) => ({ label, value })),
              ]}
              value={kind}
              onChange={(v) => {
                setKind(v as Kind | "");
                pages.reset();
              }}
            />
          </Box>
          <Box minWidth="200px">
            <Select
              label="Status"
              options={[
                { label: "All statuses", value: "" },
                ...Object.entries(STATUSES).map(([value, s]) => ({ label: s.label, value })),
              ]}
              value={status}
              onChange={(v) => {
                setStatus(v as Status | "");
                pages.reset();
              }}
            />
          </Box>
        </InlineStack>
        {download.isError ? <ErrorBanner error={download.error} /> : null}
        {list.isPending ? (
          <CardSkeleton lines={6} />
        ) : list.isError ? (
          <ErrorBanner error={list.error} onRetry={() => void list.refetch()} context="GDPR requests" />
        ) : list.data.items.length === 0 ? (
          <EmptyState
            heading={filtered ? "No requests match these filters" : "No GDPR requests yet"}
            image={EMPTY_STATE_IMAGE}
            action={
              filtered
                ? {
                    content: "Clear filters",
                    onAction: () => {
                      setKind("");
                      setStatus("");
                      pages.reset();
                    },
                  }
                : undefined
            }
          >
            <p>
              {filtered
                ? "Try another type or status."
                : "When a customer asks Shopify for their data or for it to be erased, the request appears here with its progress. There is nothing for you to do until then."}
            </p>
          </EmptyState>
        ) : (
          <BlockStack gap="300">
            <DataTable
              columnContentTypes={["text", "text", "text", "text", "text", "text"]}
              headings={["Received", "Type", "Customer", "Status", "Completed", "Export"]}
              rows={list.data.items.map((r) => [
                formatDateTime(r.receivedAt),
                KINDS[r.kind],
                r.shopifyCustomerId ? `Shopify customer ${r.shopifyCustomerId}` : "–",
                <BlockStack key="status" gap="100">
                  <Badge tone={STATUSES[r.status].tone}>{STATUSES[r.status].label}</Badge>
                  {r.lastError ? (
                    <Text as="span" variant="bodySm" tone="critical">
                      {r.lastError}
                    </Text>
                  ) : null}
                </BlockStack>,
                r.completedAt ? formatDateTime(r.completedAt) : "–",
                r.hasExport ? (
                  <Button
                    key="download"
                    size="slim"
                    loading={download.isPending && download.variables?.id === r.id}
                    onClick={() => download.mutate({ id: r.id })}
                    accessibilityLabel={`Download the export of request ${r.id}`}
                  >
                    Download JSON
                  </Button>
                ) : (
                  "–"
                ),
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
