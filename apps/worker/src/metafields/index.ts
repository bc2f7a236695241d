export * from "./push-stale-metafields";
export * from "./metafield-sync-loop";
