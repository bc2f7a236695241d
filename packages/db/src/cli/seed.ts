// `pnpm db:seed`: seeds the demo shop (a no-op when it exists).
import { createDatabase } from "../client";
import { loadPiiKeyring } from "../crypto/keyring-from-env";
import { resolveDatabaseUrl } from "../database-url";
import { runMigrations } from "../migrate";
import { seedDemoShop } from "../seed/demo-shop";

const { url, stop } = await resolveDatabaseUrl();
await runMigrations(url);
const { db, close } = createDatabase(url, { max: 2 });
const result = await seedDemoShop(db, { keyring: loadPiiKeyring() });
console.info(result.created ? `seeded demo shop ${result.shopId}` : "demo shop already present");
await close();
await stop();
