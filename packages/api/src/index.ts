export * from "./health";
export * from "./webhooks/ingest-webhook";
export * from "./shopify-app-config";
export * from "./operations/failed-work";
export * from "./webhooks/delivery-recorder";
export * from "./webhooks/shop-directory";
