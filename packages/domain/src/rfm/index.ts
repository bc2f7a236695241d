export * from "./types";
export * from "./config";
export * from "./metrics";
export * from "./bands";
export * from "./quintile";
export * from "./composite";
export * from "./segments";
export * from "./evaluate";
