import { PgBoss, type ConstructorOptions } from "pg-boss";
import { ensureQueues } from "./queues";

export const QUEUE_SCHEMA = "pgboss";

/** A pg-boss instance on LoyalNest's database, in the `pgboss` schema. Call `start()` to use it. */
export function createBoss(connectionString: string, options: Partial<ConstructorOptions> = {}): PgBoss {
  return new PgBoss({
    connectionString,
    schema: QUEUE_SCHEMA,
    application_name: "loyalnest-queue",
    ...options,
  });
}

/**
 * Creates or upgrades pg-boss's tables and LoyalNest's queues without starting workers or
 * maintenance, so the web edge can enqueue before any worker has ever run. Idempotent, and safe when several processes race.
 */
export async function installQueueSchema(connectionString: string): Promise<void> {
  const boss = createBoss(connectionString, { supervise: false, schedule: false, max: 2 });
  boss.on("error", () => {});
  await boss.start();
  try {
    await ensureQueues(boss);
  } finally {
    await boss.stop({ graceful: false });
  }
}
