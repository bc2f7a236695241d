// `pnpm db:migrate`: applies the committed migrations to DATABASE_URL, or to the embedded
// development database when DATABASE_URL is unset.
import { resolveDatabaseUrl } from "../database-url";
import { runMigrations } from "../migrate";

const { url, stop } = await resolveDatabaseUrl();
await runMigrations(url);
console.info("migrations applied");
await stop();
