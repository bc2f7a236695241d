"use client";
import {
  BlockStack,
  Box,
  Card,
  ChoiceList,
  Filters,
  IndexTable,
  InlineStack,
  Layout,
  Link,
  Pagination,
  Text,
  TextField,
  useBreakpoints,
  type FilterInterface,
} from "@shopify/polaris";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { formatNumber } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { AdminPage } from "../admin-page";
import { AdminEmptyState } from "../empty-state";
import { ErrorBanner } from "../error-banner";
import { CardSkeleton } from "../skeletons";
import {
  customerName,
  MEMBERSHIP_LABELS,
  MembershipBadge,
  SEGMENT_LABELS,
  SegmentBadge,
  SEGMENTS,
  type MembershipStatus,
  type Segment,
} from "./labels";

const PAGE_SIZE = 25;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;

interface CustomerFilters {
  tierId?: number;
  segment?: Segment;
  membershipStatus?: MembershipStatus;
  balanceMin?: number;
  balanceMax?: number;
}

/** Whole, non-negative points typed in a filter box, else undefined (ignored until it is). */
function pointsOrUndefined(text: string): number | undefined {
  if (!/^\d{1,8}$/.test(text.trim())) return undefined;
  return Number(text.trim());
}

/** Customers: exact-email search, filters (tier, segment, membership, balance) and pages of 25. */
export function CustomersPage() {
  const trpc = useTRPC();
  const { smDown } = useBreakpoints();
  const tiers = useQuery(trpc.admin.tiers.list.queryOptions());

  const [query, setQuery] = useState("");
  const [email, setEmail] = useState<string | undefined>();
  const [tierId, setTierId] = useState<string[]>([]);
  const [segment, setSegment] = useState<string[]>([]);
  const [membership, setMembership] = useState<string[]>([]);
  const [balanceMinText, setBalanceMinText] = useState("");
  const [balanceMaxText, setBalanceMaxText] = useState("");
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);

  // The e-mail search runs once the merchant pauses typing a complete address.
  useEffect(() => {
    const timer = setTimeout(() => {
      const trimmed = query.trim();
      setEmail(EMAIL_SHAPE.test(trimmed) ? trimmed : undefined);
    }, 350);
    return () => clearTimeout(timer);
  }, [query]);

  const filters: CustomerFilters = useMemo(
    () => ({
      tierId: tierId[0] ? Number(tierId[0]) : undefined,
      segment: (segment[0] as Segment | undefined) ?? undefined,
      membershipStatus: (membership[0] as MembershipStatus | undefined) ?? undefined,
      balanceMin: pointsOrUndefined(balanceMinText),
      balanceMax: pointsOrUndefined(balanceMaxText),
    }),
    [tierId, segment, membership, balanceMinText, balanceMaxText],
  );
  const rangeInvalid =
    filters.balanceMin !== undefined &&
    filters.balanceMax !== undefined &&
    filters.balanceMin > filters.balanceMax;

  // Any change of search or filters starts again from the first page.
  const filterKey = JSON.stringify([email, filters]);
  useEffect(() => setCursors([undefined]), [filterKey]);

  const cursor = cursors.at(-1);
  const search = useQuery({
    ...trpc.admin.customers.search.queryOptions({
      limit: PAGE_SIZE,
      ...(cursor !== undefined ? { cursor } : {}),
      ...(email ? { email } : {}),
      ...Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)),
      ...(rangeInvalid ? { balanceMin: undefined, balanceMax: undefined } : {}),
    }),
    placeholderData: keepPreviousData,
  });

  const tierOptions = (tiers.data?.tiers ?? []).map((tier) => ({
    label: tier.active ? tier.name : `${tier.name} (inactive)`,
    value: String(tier.id),
  }));
  const tierName = (id: string) => tierOptions.find((option) => option.value === id)?.label ?? `Tier ${id}`;

  const filterDefinitions: FilterInterface[] = [
    {
      key: "tier",
      label: "Tier",
      pinned: true,
      filter: (
        <ChoiceList title="Tier" titleHidden choices={tierOptions} selected={tierId} onChange={setTierId} />
      ),
    },
    {
      key: "segment",
      label: "RFM segment",
      pinned: true,
      filter: (
        <ChoiceList
          title="RFM segment"
          titleHidden
          choices={SEGMENTS.map((s) => ({ label: SEGMENT_LABELS[s], value: s }))}
          selected={segment}
          onChange={setSegment}
        />
      ),
    },
    {
      key: "membership",
      label: "Membership",
      pinned: true,
      filter: (
        <ChoiceList
          title="Membership"
          titleHidden
          choices={(Object.keys(MEMBERSHIP_LABELS) as MembershipStatus[]).map((m) => ({
            label: MEMBERSHIP_LABELS[m],
            value: m,
          }))}
          selected={membership}
          onChange={setMembership}
        />
      ),
    },
    {
      key: "balance",
      label: "Points balance",
      filter: (
        <BlockStack gap="200">
          <TextField
            label="At least"
            type="number"
            min={0}
            autoComplete="off"
            value={balanceMinText}
            onChange={setBalanceMinText}
            suffix="points"
          />
          <TextField
            label="At most"
            type="number"
            min={0}
            autoComplete="off"
            value={balanceMaxText}
            onChange={setBalanceMaxText}
            suffix="points"
            error={rangeInvalid ? "Must not be below the minimum" : undefined}
          />
        </BlockStack>
      ),
    },
  ];

  const applied = [
    ...(tierId[0]
      ? [{ key: "tier", label: `Tier: ${tierName(tierId[0])}`, onRemove: () => setTierId([]) }]
      : []),
    ...(segment[0]
      ? [
          {
            key: "segment",
            label: `Segment: ${SEGMENT_LABELS[segment[0] as Segment]}`,
            onRemove: () => setSegment([]),
          },
        ]
      : []),
    ...(membership[0]
      ? [
          {
            key: "membership",
            label: MEMBERSHIP_LABELS[membership[0] as MembershipStatus],
            onRemove: () => setMembership([]),
          },
        ]
      : []),
    ...(filters.balanceMin !== undefined || filters.balanceMax !== undefined
      ? [
          {
            key: "balance",
            label: balanceLabel(filters.balanceMin, filters.balanceMax),
            onRemove: () => {
              setBalanceMinText("");
              setBalanceMaxText("");
            },
          },
        ]
      : []),
  ];
  const clearAll = () => {
    setQuery("");
    setTierId([]);
    setSegment([]);
    setMembership([]);
    setBalanceMinText("");
    setBalanceMaxText("");
  };
  const filtering = applied.length > 0 || email !== undefined;

  const items = search.data?.items ?? [];
  const firstLoad = search.isPending;
  const nothingAtAll = !filtering && cursors.length === 1 && search.isSuccess && items.length === 0;

  return (
    <AdminPage title="Customers" subtitle="Members, their points, tiers and segments">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {search.isError ? (
              <ErrorBanner
                error={search.error}
                onRetry={() => void search.refetch()}
                context="your customers"
              />
            ) : null}
            {nothingAtAll ? (
              <AdminEmptyState
                heading="No customers yet"
                action={{ content: "Set up how customers earn", url: "/points" }}
              >
                <p>
                  Customers appear here as soon as they sign up or place an order in your store. Check how
                  they earn points in the meantime.
                </p>
              </AdminEmptyState>
            ) : (
              <Card padding="0">
                <Filters
                  queryValue={query}
                  queryPlaceholder="Search by exact email address"
                  onQueryChange={setQuery}
                  onQueryClear={() => setQuery("")}
                  filters={filterDefinitions}
                  appliedFilters={applied}
                  onClearAll={clearAll}
                  loading={search.isFetching && !firstLoad}
                />
                {firstLoad ? (
                  <div style={{ padding: "var(--p-space-400)" }}>
                    <CardSkeleton lines={10} />
                  </div>
                ) : (
                  <IndexTable
                    resourceName={{ singular: "customer", plural: "customers" }}
                    itemCount={items.length}
                    selectable={false}
                    condensed={smDown}
                    loading={search.isFetching}
                    emptyState={
                      <BlockStack gap="200" inlineAlign="center">
                        <Text as="p" variant="headingMd" alignment="center">
                          No customers match
                        </Text>
                        <Text as="p" tone="subdued" alignment="center">
                          {email
                            ? "Search uses the complete email address. Check the spelling, or clear the search."
                            : "Try other filters, or clear them to see every customer."}
                        </Text>
                        <InlineStack align="center">
                          <Link onClick={clearAll}>Clear search and filters</Link>
                        </InlineStack>
                      </BlockStack>
                    }
                    headings={[
                      { title: "Customer" },
                      { title: "Membership" },
                      { title: "Tier" },
                      { title: "Segment" },
                      { title: "Points", alignment: "end" },
                    ]}
                  >
                    {items.map((customer, index) => (
                      <IndexTable.Row id={String(customer.id)} key={customer.id} position={index}>
                        {smDown ? (
                          <IndexTable.Cell>
                            <Box width="100%">
                              <BlockStack gap="100">
                                <InlineStack align="space-between" gap="200" wrap={false}>
                                  <Link url={`/customers/${customer.id}`} dataPrimaryLink removeUnderline>
                                    <Text as="span" fontWeight="semibold">
                                      {customerName(customer)}
                                    </Text>
                                  </Link>
                                  <Text as="span" numeric>
                                    {formatNumber(customer.balance.available)} pts
                                  </Text>
                                </InlineStack>
                                {customer.email ? (
                                  <Text as="span" tone="subdued" breakWord>
                                    {customer.email}
                                  </Text>
                                ) : null}
                                <InlineStack gap="100" wrap>
                                  <MembershipBadge status={customer.membershipStatus} />
                                  {customer.tier ? <Text as="span">{customer.tier.name}</Text> : null}
                                  <SegmentBadge segment={customer.segment} />
                                </InlineStack>
                              </BlockStack>
                            </Box>
                          </IndexTable.Cell>
                        ) : (
                          <>
                            <IndexTable.Cell>
                              <BlockStack gap="050">
                                <Link url={`/customers/${customer.id}`} dataPrimaryLink removeUnderline>
                                  <Text as="span" fontWeight="semibold">
                                    {customerName(customer)}
                                  </Text>
                                </Link>
                                {customer.email && customerName(customer) !== customer.email ? (
                                  <Text as="span" tone="subdued">
                                    {customer.email}
                                  </Text>
                                ) : null}
                              </BlockStack>
                            </IndexTable.Cell>
                            <IndexTable.Cell>
                              <MembershipBadge status={customer.membershipStatus} />
                            </IndexTable.Cell>
                            <IndexTable.Cell>{customer.tier?.name ?? "No tier"}</IndexTable.Cell>
                            <IndexTable.Cell>
                              <SegmentBadge segment={customer.segment} />
                            </IndexTable.Cell>
                            <IndexTable.Cell>
                              <BlockStack gap="050" inlineAlign="end">
                                <Text as="span" numeric alignment="end">
                                  {formatNumber(customer.balance.available)}
                                </Text>
                                {customer.balance.pending > 0 ? (
                                  <Text as="span" tone="subdued" variant="bodySm" numeric alignment="end">
                                    +{formatNumber(customer.balance.pending)} pending
                                  </Text>
                                ) : null}
                              </BlockStack>
                            </IndexTable.Cell>
                          </>
                        )}
                      </IndexTable.Row>
                    ))}
                  </IndexTable>
                )}
                {!firstLoad && (cursors.length > 1 || search.data?.nextCursor) ? (
                  <div
                    style={{
                      padding: "var(--p-space-300)",
                      borderTop: "var(--p-border-width-025) solid var(--p-color-border)",
                    }}
                  >
                    <InlineStack align="center">
                      <Pagination
                        label={`Page ${cursors.length}`}
                        hasPrevious={cursors.length > 1}
                        onPrevious={() => setCursors((stack) => stack.slice(0, -1))}
                        hasNext={Boolean(search.data?.nextCursor)}
                        onNext={() => {
                          const next = search.data?.nextCursor;
                          if (next) setCursors((stack) => [...stack, next]);
                        }}
                      />
                    </InlineStack>
                  </div>
                ) : null}
              </Card>
            )}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </AdminPage>
  );
}

function balanceLabel(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${formatNumber(min)}–${formatNumber(max)} points`;
  if (min !== undefined) return `At least ${formatNumber(min)} points`;
  return `At most ${formatNumber(max ?? 0)} points`;
}
