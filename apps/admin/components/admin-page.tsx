"use client";
import { Page, type PageProps } from "@shopify/polaris";
import { useEffect } from "react";

/**
 * Every admin page's frame: a Polaris Page whose title is also the document's title
 * ("Points · LoyalNest"), so the browser tab and screen readers name the page.
 */
export function AdminPage({ title, ...props }: PageProps & { title: string }) {
  useEffect(() => {
    document.title = `${title} · LoyalNest`;
  }, [title]);
  return <Page title={title} {...props} />;
}
