export * from "./activity";
export * from "./decision";
export * from "./policy";
export * from "./schedule";
