export * from "./types";
export * from "./ladder";
export * from "./window";
export * from "./evaluation";
export * from "./earning";
export * from "./preview";
