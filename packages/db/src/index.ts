export * from "./client";
export * from "./migrate";
export * from "./paths";
export * from "./embedded-postgres";
export * from "./database-url";
export * from "./crypto/pii-cipher";
export * from "./crypto/keyring-from-env";
export * from "./seed/demo-shop";
export * as schema from "./schema";
