"use client";
import { Banner, BlockStack, Link, Text } from "@shopify/polaris";
import { Fragment } from "react";
import { describeApiError } from "../lib/api-errors";

/**
 * A failed request, said plainly: what happened, the server's explanation, and what to do next
 * (with Retry when trying again can help). Pass the query's `error` and `refetch`.
 */
export function ErrorBanner({
  error,
  onRetry,
  context,
}: {
  error: unknown;
  onRetry?: () => void;
  /** What was being loaded, e.g. "your programme settings": prefixes the title. */
  context?: string;
}) {
  const problem = describeApiError(error);
  const title = context ? `Couldn't load ${context}. ${problem.title}` : problem.title;
  return (
    <Banner
      tone="critical"
      title={title}
      action={problem.retryable && onRetry ? { content: "Retry", onAction: onRetry } : undefined}
    >
      <BlockStack gap="100">
        {problem.detail ? <Text as="p">{problem.detail}</Text> : null}
        <Text as="p" fontWeight="semibold">
          <WithLinks text={problem.action} />
        </Text>
      </BlockStack>
    </Banner>
  );
}

/** Renders URLs inside a sentence as links. */
function WithLinks({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g);
  return (
    <>
      {parts.map((part, index) =>
        /^https?:\/\//.test(part) ? (
          <Link key={index} url={part} target="_top">
            {part}
          </Link>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}
