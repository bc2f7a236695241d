"use client";
import {
  BlockStack,
  Box,
  Button,
  Card,
  EmptyState,
  Form,
  InlineStack,
  Text,
  TextField,
  type BoxProps,
} from "@shopify/polaris";
import { useId, useState, type ReactNode } from "react";
import { adminLocale } from "../../lib/format";
import { EMPTY_STATE_IMAGE } from "../empty-state";

export interface Range {
  from: string;
  to: string;
}

/** Chart colours: distinct, and each at least 3:1 against the white card (WCAG 1.4.11). */
export const CHART_COLORS = {
  blue: "#2c6ecb",
  green: "#008060",
  orange: "#b95000",
  red: "#c5280c",
  purple: "#7b47c7",
  teal: "#00727f",
  grey: "#6d7175",
  gold: "#8a6116",
} as const;

/** §11's segments, in the order the report lists them, with the merchant's wording and a colour. */
export const SEGMENTS = [
  { id: "champions", label: "Champions", color: CHART_COLORS.green },
  { id: "loyal", label: "Loyal", color: CHART_COLORS.blue },
  { id: "new", label: "New", color: CHART_COLORS.teal },
  { id: "needs_attention", label: "Needs attention", color: CHART_COLORS.purple },
  { id: "at_risk", label: "At risk", color: CHART_COLORS.orange },
  { id: "hibernating", label: "Hibernating", color: CHART_COLORS.gold },
  { id: "inactive", label: "Inactive", color: CHART_COLORS.grey },
] as const;

export type SegmentId = (typeof SEGMENTS)[number]["id"];

/**
 * A report's period: two date (or month) fields and Apply. Shows the range the report used (the
 * server's default until the merchant picks one); refuses a start after the end before asking.
 */
export function RangeFields({
  kind,
  value,
  onApply,
  disabled,
}: {
  kind: "day" | "month";
  value: Range | undefined;
  onApply: (range: Range) => void;
  disabled?: boolean;
}) {
  const [draft, setDraft] = useState<Range | null>(null);
  const shown = draft ?? value ?? { from: "", to: "" };
  const pattern = kind === "day" ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{4}-\d{2}$/;
  const unit = kind === "day" ? "date" : "month";
  const fromError = draft && !pattern.test(draft.from) ? `Enter a start ${unit}.` : undefined;
  const toError =
    draft && !pattern.test(draft.to)
      ? `Enter an end ${unit}.`
      : draft && draft.from > draft.to
        ? `The end ${unit} must be on or after the start.`
        : undefined;
  const apply = () => {
    if (!draft || fromError || toError) return;
    onApply(draft);
    setDraft(null);
  };
  return (
    <Form onSubmit={apply}>
      <InlineStack gap="200" blockAlign="end" wrap>
        <Box minWidth="150px">
          <TextField
            label={kind === "day" ? "From" : "From month"}
            type={kind === "day" ? "date" : "month"}
            value={shown.from}
            onChange={(from) => setDraft({ ...shown, from })}
            error={fromError}
            autoComplete="off"
            disabled={disabled}
          />
        </Box>
        <Box minWidth="150px">
          <TextField
            label={kind === "day" ? "To" : "To month"}
            type={kind === "day" ? "date" : "month"}
            value={shown.to}
            onChange={(to) => setDraft({ ...shown, to })}
            error={toError}
            autoComplete="off"
            disabled={disabled}
          />
        </Box>
        <Button submit disabled={!draft || Boolean(fromError || toError)}>
          Apply
        </Button>
      </InlineStack>
    </Form>
  );
}

/** A report: heading, what it shows, its period, an Export CSV button, then its body. */
export function ReportCard({
  title,
  description,
  controls,
  onExport,
  exportLabel = "Export CSV",
  exportDisabled,
  children,
}: {
  title: string;
  description: string;
  controls?: ReactNode;
  onExport?: () => void;
  exportLabel?: string;
  exportDisabled?: boolean;
  children: ReactNode;
}) {
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="start" gap="300" wrap>
          <Box maxWidth="560px">
            <BlockStack gap="100">
              <Text as="h2" variant="headingMd">
                {title}
              </Text>
              <Text as="p" tone="subdued">
                {description}
              </Text>
            </BlockStack>
          </Box>
          {onExport ? (
            <Button onClick={onExport} disabled={exportDisabled}>
              {exportLabel}
            </Button>
          ) : null}
        </InlineStack>
        {controls}
        {children}
      </BlockStack>
    </Card>
  );
}

/**
 * A chart's box: fixed height (no layout shift), named for screen readers, with the figures also
 * given as a table next to it. `summary` is what the chart shows, in a sentence.
 */
export function ChartBox({
  summary,
  height = 280,
  children,
}: {
  summary: string;
  height?: number;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <Box minHeight={`${height}px` as BoxProps["minHeight"]}>
      <div role="img" aria-labelledby={id} style={{ width: "100%", height }}>
        <span id={id} hidden>
          {summary}
        </span>
        {children}
      </div>
    </Box>
  );
}

/** One figure with its label, for the small stat rows above charts. */
export function Stat({ label, value, caption }: { label: string; value: string; caption?: string }) {
  return (
    <Box minWidth="120px">
      <BlockStack gap="050">
        <Text as="p" variant="bodySm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="headingLg">
          {value}
        </Text>
        {caption ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {caption}
          </Text>
        ) : null}
      </BlockStack>
    </Box>
  );
}

/** "2025-03" → "Mar 2025" in the admin's locale (no time zone involved: it is a calendar month). */
export function monthLabel(month: string, locale = adminLocale()): string {
  const [year, mon] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(year!, mon! - 1, 1)),
  );
}

/** "2025-03-07" → "Mar 7, 2025" (a shop-local calendar day, shown as is). */
export function dayLabel(day: string, locale = adminLocale()): string {
  const [year, mon, date] = day.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, {
    month: "short",
    day: "numeric",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(year!, mon! - 1, date!)));
}

/** A period as words: "Jan 1, 2025 – Mar 31, 2025". */
export function rangeLabel(range: Range, kind: "day" | "month", locale = adminLocale()): string {
  const label = kind === "day" ? dayLabel : monthLabel;
  return `${label(range.from, locale)} – ${label(range.to, locale)}`;
}

/** An empty report inside its card: what will fill it, and where to go to make that happen. */
export function ReportEmpty({
  heading,
  action,
  children,
}: {
  heading: string;
  action?: { content: string; url: string };
  children: ReactNode;
}) {
  return (
    <EmptyState heading={heading} image={EMPTY_STATE_IMAGE} action={action}>
      {children}
    </EmptyState>
  );
}
