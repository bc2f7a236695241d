import type { OfflineAction, PosApi, SyncResult } from "./api";
import { isTransient } from "./api";
import { newRequestKey, REQUEST_KEY } from "./keys";
import type { KeyValueStorage } from "./storage";

/**
 * The till's offline queue. While POS says Disconnected, earn and redeem actions are recorded
 * locally, each with its idempotency key and `recordedAt` made at that moment; on reconnect they
 * are sent in recording order through `pos.syncOffline` (≤ 100 per call), and each action leaves
 * the queue only when a result for it came back (applied, duplicate or refused). A sync whose
 * answer is lost re-sends the same keys, which the server reports as duplicates: nothing doubles.
 *
 * Storage: one record per action (`queue:<key>`; a crash can lose at most the write in progress,
 * and one oversized record cannot block the others) plus `results`, the last results shown.
 */
export interface ActionMeta {
  /** For the list: whose action, which reward, the points it is expected to move. */
  customerName: string | null;
  rewardName?: string;
  /** A redeem's expected cost (the reward's points at recording time), to project the balance. */
  pointsCost?: number;
}

export interface QueuedAction {
  seq: number;
  action: OfflineAction;
  meta: ActionMeta;
}

export interface ResultEntry {
  key: string;
  action: OfflineAction;
  meta: ActionMeta;
  result: SyncResult;
  syncedAt: string;
}

export type SyncOutcome =
  | { status: "empty" }
  | { status: "done"; results: ResultEntry[] }
  /** No answer (or no usable one) for some actions: they stay queued; `results` are those that came back. */
  | { status: "failed"; results: ResultEntry[]; error: unknown; transient: boolean; remaining: number };

export type NewAction =
  | { type: "earn"; customerId: number; points: number; reason: string }
  | {
      type: "redeem";
      customerId: number;
      rewardId: number;
      cartSubtotalMinor?: number;
      chosenPoints?: number;
    };

export const MAX_BATCH = 100;
/** Results kept for the screen (most recent first). */
export const MAX_RESULTS = 50;
const QUEUE_PREFIX = "queue:";
const RESULTS = "results";

export interface OfflineQueueOptions {
  storage: KeyValueStorage;
  api: Pick<PosApi, "syncOffline">;
  now?: () => Date;
  newKey?: (kind: string) => string;
}

export class OfflineQueue {
  private readonly storage: KeyValueStorage;
  private readonly api: Pick<PosApi, "syncOffline">;
  private readonly now: () => Date;
  private readonly newKey: (kind: string) => string;
  private inFlight: Promise<SyncOutcome> | null = null;
  private lastSeq = 0;
  private readonly listeners = new Set<() => void>();

  constructor(options: OfflineQueueOptions) {
    this.storage = options.storage;
    this.api = options.api;
    this.now = options.now ?? (() => new Date());
    this.newKey = options.newKey ?? ((kind) => newRequestKey(kind, this.now().getTime()));
  }

  /**
   * Called after this queue recorded or settled actions — for other surfaces in the same runtime
   * (each POS target may run apart: they also re-read the storage now and then).
   */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed() {
    for (const listener of [...this.listeners]) listener();
  }

  /**
   * Records an action now: a new idempotency key (or `key`, when an online attempt with that key
   * had an unknown outcome), `recordedAt` = now, after every action already queued.
   */
  async record(input: NewAction, meta: ActionMeta, key?: string): Promise<QueuedAction> {
    const actionKey = key ?? this.newKey(`off-${input.type}`);
    if (!REQUEST_KEY.test(actionKey)) throw new Error(`Invalid idempotency key: ${actionKey}`);
    const existing = await this.storage.get(QUEUE_PREFIX + actionKey);
    if (isQueued(existing)) return existing;
    const recordedAt = this.now();
    const queued = await this.pending();
    const last = queued.length ? queued[queued.length - 1]!.seq : 0;
    const seq = Math.max(last + 1, this.lastSeq + 1, recordedAt.getTime());
    this.lastSeq = seq;
    const action: OfflineAction = { ...input, key: actionKey, recordedAt: recordedAt.toISOString() };
    const entry: QueuedAction = { seq, action, meta };
    await this.storage.set(QUEUE_PREFIX + actionKey, entry);
    this.changed();
    return entry;
  }

  /** The queued actions in recording order. */
  async pending(): Promise<QueuedAction[]> {
    const entries = await this.storage.entries();
    return entries
      .filter(([key, value]) => key.startsWith(QUEUE_PREFIX) && isQueued(value))
      .map(([, value]) => value as QueuedAction)
      .sort((a, b) => a.seq - b.seq || (a.action.key < b.action.key ? -1 : 1));
  }

  /** The last results (most recent first). */
  async results(): Promise<ResultEntry[]> {
    const stored = await this.storage.get(RESULTS);
    return Array.isArray(stored) ? (stored as ResultEntry[]) : [];
  }

  async clearResults(): Promise<void> {
    await this.storage.delete(RESULTS);
  }

  get syncing(): boolean {
    return this.inFlight !== null;
  }

  /** Sends everything queued, in order; one sync at a time (a second call joins the running one). */
  sync(): Promise<SyncOutcome> {
    if (!this.inFlight) {
      this.inFlight = this.runSync().finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }

  private async runSync(): Promise<SyncOutcome> {
    const collected: ResultEntry[] = [];
    let queue = await this.pending();
    if (queue.length === 0) return { status: "empty" };
    // What is queued now is sent; an action recorded meanwhile waits for the next sync.
    const lastSeq = queue[queue.length - 1]!.seq;
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_BATCH);
      let response: { results: SyncResult[] };
      try {
        response = await this.api.syncOffline({ actions: batch.map((q) => q.action) });
      } catch (error) {
        return this.failed(collected, error, isTransient(error));
      }
      const answered = this.match(batch, response?.results);
      const syncedAt = this.now().toISOString();
      const entries = answered.map(({ queued, result }) => ({
        key: queued.action.key,
        action: queued.action,
        meta: queued.meta,
        result,
        syncedAt,
      }));
      // Results are saved before the actions leave the queue: a crash in between re-sends them
      // (reported as duplicates), never loses one.
      await this.saveResults(entries);
      for (const entry of entries) await this.storage.delete(QUEUE_PREFIX + entry.key);
      collected.push(...entries);
      if (entries.length > 0) this.changed();
      if (answered.length < batch.length) {
        const error = new Error(
          `LoyalNest answered ${answered.length} of ${batch.length} actions; the others stay queued.`,
        );
        return this.failed(collected, error, true);
      }
      queue = (await this.pending()).filter((q) => q.seq <= lastSeq);
    }
    return { status: "done", results: collected };
  }

  /** Results for the batch's keys, first one per key; results for keys not sent are ignored. */
  private match(batch: QueuedAction[], results: SyncResult[] | undefined) {
    const byKey = new Map<string, SyncResult>();
    for (const result of Array.isArray(results) ? results : []) {
      if (result && typeof result.key === "string" && !byKey.has(result.key)) byKey.set(result.key, result);
    }
    return batch.flatMap((queued) => {
      const result = byKey.get(queued.action.key);
      return result ? [{ queued, result }] : [];
    });
  }

  private async failed(collected: ResultEntry[], error: unknown, transient: boolean): Promise<SyncOutcome> {
    return {
      status: "failed",
      results: collected,
      error,
      transient,
      remaining: (await this.pending()).length,
    };
  }

  private async saveResults(entries: ResultEntry[]) {
    if (entries.length === 0) return;
    const previous = (await this.results()).filter((r) => !entries.some((e) => e.key === r.key));
    await this.storage.set(RESULTS, [...[...entries].reverse(), ...previous].slice(0, MAX_RESULTS));
  }
}

function isQueued(value: unknown): value is QueuedAction {
  if (!value || typeof value !== "object") return false;
  const entry = value as Partial<QueuedAction>;
  return typeof entry.seq === "number" && !!entry.action && typeof entry.action.key === "string";
}
