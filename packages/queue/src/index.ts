export * from "./boss";
