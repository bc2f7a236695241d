export * from "./handlers";
export * from "./runtime";
