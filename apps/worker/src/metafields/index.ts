export * from "./push-stale-metafields";
export * from "./metafield-sync-loop";
export * from "./push-widget-config";
