"use client";
import {
  BlockStack,
  Card,
  InlineGrid,
  Layout,
  SkeletonBodyText,
  SkeletonDisplayText,
  SkeletonPage,
} from "@shopify/polaris";

/** A page's placeholder while its first data loads; keeps the final layout's shape (no layout shift). */
export function PageSkeleton({ title, cards = 2 }: { title: string; cards?: number }) {
  return (
    <SkeletonPage title={title}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {Array.from({ length: cards }, (_, index) => (
              <CardSkeleton key={index} />
            ))}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </SkeletonPage>
  );
}

/** One card's placeholder: a heading line and `lines` of text. */
export function CardSkeleton({ lines = 3 }: { lines?: number }) {
  return (
    <Card>
      <BlockStack gap="400">
        <SkeletonDisplayText size="small" />
        <SkeletonBodyText lines={lines} />
      </BlockStack>
    </Card>
  );
}

/** A row of metric cards' placeholders (1 column on phones, 2 on tablets, `count` on desktops). */
export function MetricCardsSkeleton({ count = 4 }: { count?: number }) {
  return (
    <InlineGrid columns={{ xs: 1, sm: 2, lg: count }} gap="400">
      {Array.from({ length: count }, (_, index) => (
        <Card key={index}>
          <BlockStack gap="200">
            <SkeletonBodyText lines={1} />
            <SkeletonDisplayText size="medium" />
            <SkeletonBodyText lines={1} />
          </BlockStack>
        </Card>
      ))}
    </InlineGrid>
  );
}
