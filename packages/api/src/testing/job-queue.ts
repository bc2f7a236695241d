import { createBoss, installQueueSchema } from "@loyalnest/queue";
import type { PgBoss } from "pg-boss";
import type { ApiHarness } from "./api-harness";

/**
 * Gives the harness a pg-boss on its database (the queues created) for the procedures that
 * enqueue; the handler reads its deps per request, so it takes effect at once. Returns a detach.
 */
export async function attachJobQueue(api: ApiHarness): Promise<{ boss: PgBoss; detach(): Promise<void> }> {
  await installQueueSchema(api.test.url);
  const boss = createBoss(api.test.url, { supervise: false, schedule: false, max: 2 });
  boss.on("error", () => {});
  await boss.start();
  api.deps.boss = boss;
  return {
    boss,
    async detach() {
      delete api.deps.boss;
      await boss.stop({ graceful: false });
    },
  };
}
