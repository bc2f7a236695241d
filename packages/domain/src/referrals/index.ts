export * from "./types";
export * from "./code";
export * from "./share";
export * from "./visit";
export * from "./attribution";
export * from "./fraud";
export * from "./state";
export * from "./lifecycle";
