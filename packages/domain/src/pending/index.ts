export * from "./pending-settings";
export * from "./release";
