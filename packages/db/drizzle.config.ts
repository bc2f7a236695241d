import { defineConfig } from "drizzle-kit";

// `drizzle-kit generate` diffs src/schema against the committed snapshots in drizzle/meta
// and writes the next SQL migration into drizzle/. It needs no database.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
});
