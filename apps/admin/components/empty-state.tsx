"use client";
import { Card, EmptyState as PolarisEmptyState, type EmptyStateProps } from "@shopify/polaris";

/** A neutral illustration (nest with a star) so empty states need no hosted image. */
export const EMPTY_STATE_IMAGE = `data:image/svg+xml;utf8,${encodeURIComponent(
  `<svg xmlns="http://www.w3.org/2000/svg" width="226" height="226" viewBox="0 0 226 226" role="img" aria-hidden="true">
  <circle cx="113" cy="113" r="104" fill="#f1f1f1"/>
  <path d="M45 124c10 40 46 62 68 62s58-22 68-62z" fill="#c9a27c"/>
  <path d="M52 128c20 10 42 14 61 14s41-4 61-14" stroke="#8a6240" stroke-width="6" fill="none" stroke-linecap="round"/>
  <path d="M62 150c16 8 34 11 51 11s35-3 51-11" stroke="#8a6240" stroke-width="5" fill="none" stroke-linecap="round"/>
  <path d="M113 44l13 27 29 4-21 20 5 29-26-14-26 14 5-29-21-20 29-4z" fill="#ffb800" stroke="#8a5a00" stroke-width="3" stroke-linejoin="round"/>
</svg>`,
)}`;

/**
 * An empty list or page, with what it is for and (usually) the action that fills it. Polaris's
 * EmptyState in a card, with a built-in illustration unless `image` is given.
 */
export function AdminEmptyState({
  image = EMPTY_STATE_IMAGE,
  ...props
}: Omit<EmptyStateProps, "image"> & { image?: string }) {
  return (
    <Card>
      <PolarisEmptyState image={image} {...props} />
    </Card>
  );
}
