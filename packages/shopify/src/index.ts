export * from "./shop-domain";
export * from "./webhooks";
export * from "./app-proxy";
export * from "./session-tokens";
export * from "./admin";
export * from "./auth";
export * from "./webhook-payloads";
