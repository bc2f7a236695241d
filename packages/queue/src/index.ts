export * from "./boss";
export * from "./queues";
