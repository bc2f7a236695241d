export * from "./stored-offline-token";
export * from "./postgres-token-store";
