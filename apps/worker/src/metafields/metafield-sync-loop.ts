import { pushStaleMetafields, type MetafieldSyncDeps } from "./push-stale-metafields";
import { pushStaleWidgetConfigs } from "./push-widget-config";

export interface MetafieldSyncLoop {
  /** Runs one round now (tests, shutdown). */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Pushes stale customer metafields and changed widget settings every `intervalMs` (default 2 s):
 * changes within one interval coalesce into one push per customer (and per shop). Rounds never overlap; a failing round is logged and the
 * next one tries again (the rows stay until pushed).
 */
export function startMetafieldSync(deps: MetafieldSyncDeps, intervalMs = 2_000): MetafieldSyncLoop {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const widgetFailures = new Map<string, number>();
  const round = () => {
    running = running.then(async () => {
      if (stopped) return;
      try {
        await pushStaleWidgetConfigs(deps, widgetFailures);
        // Drain what is due, one batch after another, before sleeping again.
        while (!stopped) {
          const { pushed, failed, dropped } = await pushStaleMetafields(deps);
          if (pushed + failed + dropped === 0) break;
        }
      } catch (error) {
        console.error(
          "[worker] metafield sync round failed:",
          error instanceof Error ? error.message : error,
        );
      }
    });
    return running;
  };
  const timer = setInterval(() => void round(), intervalMs);
  timer.unref();
  return {
    runOnce: round,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
