export * from "./offline-token";
export * from "./token-store";
export * from "./token-endpoint";
export * from "./offline-token-manager";
