import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export interface DatabaseOptions {
  /** Pool size; keep it small per process (workers scale out by processes). */
  max?: number;
  applicationName?: string;
}

/** Opens a pooled connection to Postgres and wraps it in drizzle with the LoyalNest schema. */
export function createDatabase(url: string, options: DatabaseOptions = {}) {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { application_name: options.applicationName ?? "loyalnest" },
  });
  const db = drizzle(sql, { schema, casing: "snake_case" });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}

export type DatabaseHandle = ReturnType<typeof createDatabase>;
export type Database = DatabaseHandle["db"];
/** A drizzle transaction; service functions take one so callers decide the transaction's extent. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Either a database or a transaction: anything a query can run on. */
export type Executor = Database | Transaction;

/**
 * `build(db)` run once per database handle and kept: for prepared statements, which drizzle binds
 * to the handle they were built on and which would otherwise rebuild their SQL on every execution.
 */
export function oncePerDatabase<T>(build: (db: Database) => T): (db: Database) => T {
  const built = new WeakMap<Database, T>();
  return (db) => {
    let value = built.get(db);
    if (value === undefined) {
      value = build(db);
      built.set(db, value);
    }
    return value;
  };
}
