export * from "./campaign";
export * from "./selection";
export * from "./targeting";
export * from "./window";
