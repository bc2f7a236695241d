export * from "./handlers";
export * from "./runtime";
export * from "./schedules";
