export * from "./delivery-errors";
export * from "./parked-sweep";
export * from "./process-delivery";
export * from "./webhook-worker";
export * from "./worker-runtime";
