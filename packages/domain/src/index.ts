export * from "./money";
export * from "./time";
export * from "./earning";
export * from "./pending";
export * from "./refunds";
export * from "./expiry";
export * from "./campaigns";
export * from "./rewards";
