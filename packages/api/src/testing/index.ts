export * from "./api-harness";
export * from "./credentials";
export * from "./job-queue";
export * from "./noop-router";
