"use client";
import {
  Badge,
  BlockStack,
  Box,
  Button,
  Card,
  ChoiceList,
  InlineStack,
  Text,
  TextField,
} from "@shopify/polaris";
import type { ProgrammeDraft, Settings } from "./programme-draft";

/** Programme on/off, membership mode, the shop's currency and time zone, and the holdout share. */
export function GeneralTab({
  settings,
  draft,
  errors,
  onChange,
}: {
  settings: Settings;
  draft: ProgrammeDraft;
  errors: Partial<Record<string, string>>;
  onChange: (patch: Partial<ProgrammeDraft>) => void;
}) {
  return (
    <BlockStack gap="400">
      <Card>
        <InlineStack align="space-between" blockAlign="center" gap="300" wrap>
          <Box maxWidth="560px">
            <BlockStack gap="100">
              <InlineStack gap="200" blockAlign="center">
                <Text as="h2" variant="headingMd">
                  Loyalty programme
                </Text>
                {draft.programmeEnabled ? <Badge tone="success">On</Badge> : <Badge>Off</Badge>}
              </InlineStack>
              <Text as="p" tone="subdued">
                {draft.programmeEnabled
                  ? "Customers earn points on orders and can redeem rewards in your store."
                  : "Customers don't earn points and the widget says the programme is paused. Balances are kept."}
              </Text>
            </BlockStack>
          </Box>
          <Button
            onClick={() => onChange({ programmeEnabled: !draft.programmeEnabled })}
            variant={draft.programmeEnabled ? "secondary" : "primary"}
          >
            {draft.programmeEnabled ? "Turn off programme" : "Turn on programme"}
          </Button>
        </InlineStack>
      </Card>

      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Membership
          </Text>
          <ChoiceList
            title="Who is a member"
            choices={[
              {
                label: "Every customer",
                value: "automatic",
                helpText: "Customers join automatically with their first account or order.",
              },
              {
                label: "Customers who join",
                value: "opt_in",
                helpText: "Customers join from the rewards widget before they start earning.",
              },
            ]}
            selected={[draft.membershipMode]}
            onChange={([mode]) => onChange({ membershipMode: mode as ProgrammeDraft["membershipMode"] })}
          />
        </BlockStack>
      </Card>

      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Holdout group
          </Text>
          <Text as="p" tone="subdued">
            Keep a random share of customers out of the programme to measure what it adds: Analytics compares
            their spending with members&apos;. Held-out customers stay held out, so the comparison stays fair.
          </Text>
          <Box maxWidth="240px">
            <TextField
              label="Holdout share"
              type="number"
              suffix="%"
              min={0}
              max={50}
              step={0.5}
              value={draft.holdoutPercent}
              onChange={(holdoutPercent) => onChange({ holdoutPercent })}
              error={errors.holdout}
              helpText="0% to 50%. 5–10% is usually enough."
              autoComplete="off"
            />
          </Box>
        </BlockStack>
      </Card>

      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Store defaults
          </Text>
          <InlineStack gap="800" wrap>
            <BlockStack gap="050">
              <Text as="p" tone="subdued">
                Currency
              </Text>
              <Text as="p" fontWeight="semibold">
                {settings.currency}
              </Text>
            </BlockStack>
            <BlockStack gap="050">
              <Text as="p" tone="subdued">
                Time zone
              </Text>
              <Text as="p" fontWeight="semibold">
                {settings.timezone.replace(/_/g, " ")}
              </Text>
            </BlockStack>
          </InlineStack>
          <Text as="p" tone="subdued">
            Points are earned on amounts in your store currency, and daily and monthly rules and reports
            follow your store&apos;s time zone. Both come from Shopify: change them in Shopify admin under
            Settings › General › Store defaults.
          </Text>
        </BlockStack>
      </Card>
    </BlockStack>
  );
}
