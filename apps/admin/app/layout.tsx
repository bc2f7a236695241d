import "@shopify/polaris/build/esm/styles.css";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { adminEmbedding } from "../lib/embedding";

export const metadata: Metadata = { title: "LoyalNest", description: "Loyalty programme admin" };

// The embedding (App Bridge or the stand-in) is read from the environment at request time.
export const dynamic = "force-dynamic";

/**
 * In Shopify, App Bridge is loaded as Shopify documents it: the `shopify-api-key` meta and
 * `app-bridge.js` from Shopify's CDN as the first script in <head>, synchronously. Against the local
 * Shopify stand-in (no internet needed) the script is left out and the dev frame supplies tokens.
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  const embedding = adminEmbedding();
  return (
    <html lang="en">
      <head>
        {embedding.mode === "app-bridge" ? (
          <>
            <meta name="shopify-api-key" content={embedding.apiKey} />
            {/* Synchronous on purpose: App Bridge must run before the app's own scripts. */}
            <script src="https://cdn.shopify.com/shopifycloud/app-bridge.js" />
          </>
        ) : null}
      </head>
      <body>{children}</body>
    </html>
  );
}
