export * from "./define-handler";
export * from "./handler-context";
export * from "./registry";
