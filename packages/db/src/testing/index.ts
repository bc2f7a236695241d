export * from "./test-database";
export * from "./test-keyring";
export * from "./fixtures";
