"use client";
import { BlockStack, Box, Card, Checkbox, Text, TextField } from "@shopify/polaris";
import { NOTIFICATIONS, type ProgrammeDraft } from "./programme-draft";

/** Which e-mails LoyalNest sends shoppers, and the sender name they come from. */
export function NotificationsTab({
  draft,
  onChange,
}: {
  draft: ProgrammeDraft;
  onChange: (patch: Partial<ProgrammeDraft>) => void;
}) {
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            Customer e-mails
          </Text>
          <Text as="p" tone="subdued">
            Sent in the shopper&apos;s language with your branding, only to customers who accept marketing.
          </Text>
        </BlockStack>
        <BlockStack gap="200">
          {NOTIFICATIONS.map((n) => (
            <Checkbox
              key={n.id}
              label={n.label}
              helpText={n.help}
              checked={draft.notifications[n.id]}
              onChange={(checked) => onChange({ notifications: { ...draft.notifications, [n.id]: checked } })}
            />
          ))}
        </BlockStack>
        <Box maxWidth="400px">
          <TextField
            label="Sender name"
            value={draft.senderName}
            onChange={(senderName) => onChange({ senderName })}
            maxLength={100}
            helpText="Shown as the e-mails' sender. Leave empty to use your store name."
            autoComplete="off"
          />
        </Box>
      </BlockStack>
    </Card>
  );
}
