export * from "./plan";
export * from "./customer-redact";
export * from "./shop-redact";
export * from "./export";
