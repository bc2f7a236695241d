export * from "./balance-lock";
export * from "./errors";
export * from "./invariants";
export * from "./pending";
export * from "./post-entry";
