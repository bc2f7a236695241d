export * from "./campaigns";
export * from "./order-points";
export * from "./orders";
export * from "./refunds";
export * from "./shop-rules";
