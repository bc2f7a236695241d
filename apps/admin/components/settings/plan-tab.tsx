"use client";
import { BlockStack, Card, InlineGrid, List, Text } from "@shopify/polaris";

/** §17: the plans. Billing runs through Shopify; crossing a limit never stops points being awarded. */
const PLANS = [
  {
    name: "Free",
    price: "$0",
    orders: "Up to 300 orders a month",
    fit: "For a new programme or a small store.",
  },
  {
    name: "Starter",
    price: "$29 a month",
    orders: "A higher monthly order limit",
    fit: "For a growing store.",
  },
  {
    name: "Growth",
    price: "$49 a month",
    orders: "A higher order limit again",
    fit: "For an established store.",
  },
  { name: "Pro", price: "$99 a month", orders: "The highest order limit", fit: "For high-volume stores." },
];

export function PlanTab() {
  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Plans
          </Text>
          <Text as="p" tone="subdued">
            Every plan includes the whole programme: points, rewards, VIP tiers, referrals, campaigns, RFM
            segments, the member vs holdout analytics and GDPR handling. Plans differ by how many orders a
            month they cover. LoyalNest is billed through your Shopify invoice as a monthly app subscription.
          </Text>
        </BlockStack>
      </Card>
      <InlineGrid columns={{ xs: 1, sm: 2, lg: 4 }} gap="400">
        {PLANS.map((plan) => (
          <Card key={plan.name}>
            <BlockStack gap="200">
              <Text as="h3" variant="headingMd">
                {plan.name}
              </Text>
              <Text as="p" variant="headingLg">
                {plan.price}
              </Text>
              <List>
                <List.Item>{plan.orders}</List.Item>
                <List.Item>Every feature</List.Item>
                <List.Item>{plan.fit}</List.Item>
              </List>
            </BlockStack>
          </Card>
        ))}
      </InlineGrid>
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            If you pass your plan&apos;s limit
          </Text>
          <Text as="p">
            Your customers keep earning and redeeming points: LoyalNest never stops awarding points because of
            a limit. You&apos;ll see a banner here in the admin suggesting a plan that fits your order volume.
          </Text>
        </BlockStack>
      </Card>
    </BlockStack>
  );
}
