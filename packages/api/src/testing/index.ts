export * from "./api-harness";
export * from "./credentials";
