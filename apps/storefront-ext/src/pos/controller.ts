import type { Lookup, PosApi, PosReward } from "./api";
import { isTransient } from "./api";
import type { ConnectivityState, SignalLike } from "./host";
import { isConnected } from "./host";
import { newRequestKey } from "./keys";
import { describeResult, errorMessage, summarizeSync } from "./messages";
import type { ActionMeta, NewAction, OfflineQueue, QueuedAction, ResultEntry } from "./offline-queue";
import type { KeyValueStorage } from "./storage";

/**
 * The state behind every LoyalNest POS screen, framework-free (the Preact components only render
 * it): the connectivity, the customer looked up, the offline queue and the last sync's results.
 *
 * - Connected: redeem and award call the API directly, each with a request key made when the
 *   associate tapped; if the outcome is unknown (no answer, 5xx) the action is queued with that
 *   same key, so a request that did go through is reported as a duplicate at sync, never doubled.
 * - Disconnected: actions are queued (shown as pending); look-ups use the last answer cached on
 *   the device for that customer, marked with its age.
 * - On reconnect (and when the screen opens online with actions queued) the queue syncs, the
 *   per-action results are shown and the customer is looked up again. A failed sync keeps the
 *   actions and retries after `retryDelaysMs`, or when "Sync now" is tapped.
 */
export type CustomerRef = { email: string } | { shopifyCustomerId: string };

export interface CustomerView {
  data: Lookup;
  /** When this answer came from LoyalNest. */
  asOf: string;
  /** Shown from the device's cache because the till is offline. */
  cached: boolean;
}

export type Tone = "success" | "info" | "warning" | "critical";

export interface PosState {
  connected: boolean;
  lookup: { phase: "idle" | "loading" } | { phase: "error"; message: string };
  customer: CustomerView | null;
  pending: QueuedAction[];
  results: ResultEntry[];
  syncing: boolean;
  syncError: string | null;
  busy: "award" | `redeem:${number}` | null;
  notice: { tone: Tone; text: string } | null;
  /** The discount code of the last redemption at this screen (applied to the cart when there is one). */
  lastCode: string | null;
}

export interface PosControllerOptions {
  api: PosApi;
  queue: OfflineQueue;
  /** The device cache for customer look-ups (the same storage as the queue). */
  storage: KeyValueStorage;
  connectivity: SignalLike<ConnectivityState>;
  /** The cart, where the target has one: its subtotal judges minimum orders; codes are applied to it. */
  cart?: {
    subtotalMinor(): number | undefined;
    applyCode(code: string): Promise<void>;
  };
  toast?: (text: string) => void;
  now?: () => Date;
  newKey?: (kind: string) => string;
  /** Waits before retrying a failed sync while connected; [] = only on reconnect or "Sync now". */
  retryDelaysMs?: number[];
  /**
   * Whether this screen syncs the queue by itself (on reconnect and when it opens). The screens
   * do; a small surface beside one (the customer-details block) only shows the queue.
   */
  autoSync?: boolean;
}

const CACHE = "customer:";

export class PosController {
  private state: PosState;
  private readonly listeners = new Set<(state: PosState) => void>();
  private readonly options: PosControllerOptions;
  private readonly newKey: (kind: string) => string;
  private lastRef: CustomerRef | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryAttempt = 0;
  private stopped = false;

  constructor(options: PosControllerOptions) {
    this.options = options;
    this.newKey = options.newKey ?? ((kind) => newRequestKey(kind));
    this.state = {
      connected: isConnected(options.connectivity.value),
      lookup: { phase: "idle" },
      customer: null,
      pending: [],
      results: [],
      syncing: false,
      syncError: null,
      busy: null,
      notice: null,
      lastCode: null,
    };
  }

  getState = (): PosState => this.state;

  subscribe = (listener: (state: PosState) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<PosState>) {
    if (this.stopped) return;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }

  /** Loads the queue, follows connectivity, looks `initial` up; returns the stop function. */
  start(initial?: CustomerRef | null): () => void {
    const unsubscribe = this.options.connectivity.subscribe((value) => {
      const connected = isConnected(value);
      if (connected === this.state.connected) return;
      this.set({ connected });
      if (connected) void this.onReconnect();
      else this.clearRetry();
    });
    void (async () => {
      await this.refreshQueue();
      if (initial) await this.lookup(initial);
      if (this.autoSync && this.state.connected && this.state.pending.length > 0) await this.sync();
    })();
    return () => {
      this.stopped = true;
      this.clearRetry();
      unsubscribe();
    };
  }

  private get autoSync() {
    return this.options.autoSync !== false;
  }

  private async onReconnect() {
    await this.refreshQueue();
    if (this.autoSync && this.state.pending.length > 0) await this.sync();
    else if (this.lastRef) await this.lookup(this.lastRef);
  }

  async refreshQueue() {
    const [pending, results] = await Promise.all([
      this.options.queue.pending(),
      this.options.queue.results(),
    ]);
    this.set({ pending, results });
  }

  async lookup(ref: CustomerRef): Promise<void> {
    this.lastRef = ref;
    const cacheKey = "shopifyCustomerId" in ref ? `${CACHE}${ref.shopifyCustomerId}` : null;
    if (!this.state.connected) {
      const cached = cacheKey ? await this.cached(cacheKey) : null;
      if (cached) this.set({ customer: { ...cached, cached: true }, lookup: { phase: "idle" } });
      else
        this.set({
          lookup: {
            phase: "error",
            message:
              "Offline: this customer was not looked up on this device before. Look-ups need a connection.",
          },
        });
      return;
    }
    this.set({ lookup: { phase: "loading" } });
    try {
      const data = await this.options.api.lookupCustomer({
        ...ref,
        ...(this.subtotal() !== undefined ? { cartSubtotalMinor: this.subtotal() } : {}),
      });
      const view = { data, asOf: this.now().toISOString(), cached: false };
      this.set({ customer: view, lookup: { phase: "idle" } });
      if (data.customer.shopifyCustomerId)
        await this.options.storage
          .set(`${CACHE}${data.customer.shopifyCustomerId}`, { data, asOf: view.asOf })
          .catch(() => undefined);
    } catch (error) {
      const cached = cacheKey && isTransient(error) ? await this.cached(cacheKey) : null;
      if (cached) this.set({ customer: { ...cached, cached: true }, lookup: { phase: "idle" } });
      else this.set({ lookup: { phase: "error", message: errorMessage(error) } });
    }
  }

  clearCustomer() {
    this.lastRef = null;
    this.set({ customer: null, lookup: { phase: "idle" }, notice: null, lastCode: null });
  }

  dismissNotice() {
    this.set({ notice: null });
  }

  /** The balance once the queued actions for this customer apply (redeems at their cost when recorded). */
  projectedBalance(): number | null {
    const customer = this.state.customer;
    if (!customer) return null;
    return this.state.pending
      .filter((q) => q.action.customerId === customer.data.customer.id)
      .reduce(
        (balance, q) => balance + (q.action.type === "earn" ? q.action.points : -(q.meta.pointsCost ?? 0)),
        customer.data.balance.available,
      );
  }

  async redeem(reward: PosReward, chosenPoints?: number): Promise<void> {
    const customer = this.state.customer;
    if (!customer || this.state.busy) return;
    const cartSubtotalMinor = this.subtotal();
    const input: NewAction = {
      type: "redeem",
      customerId: customer.data.customer.id,
      rewardId: reward.id,
      ...(cartSubtotalMinor !== undefined ? { cartSubtotalMinor } : {}),
      ...(chosenPoints !== undefined ? { chosenPoints } : {}),
    };
    const meta: ActionMeta = {
      customerName: customer.data.customer.firstName,
      rewardName: reward.name,
      pointsCost: chosenPoints ?? reward.pointsCost,
    };
    const requestKey = this.newKey("redeem");
    this.set({ busy: `redeem:${reward.id}`, notice: null });
    if (!this.state.connected) return this.queueAction(input, meta, requestKey);
    try {
      const result = await this.options.api.redeem({
        customerId: input.customerId,
        rewardId: reward.id,
        requestKey,
        cartSubtotalMinor: cartSubtotalMinor ?? 0,
        ...(chosenPoints !== undefined ? { chosenPoints } : {}),
      });
      const code = result.redemption.discountCode;
      let applied = false;
      if (code && this.options.cart) {
        applied = await this.options.cart.applyCode(code).then(
          () => true,
          () => false,
        );
      }
      this.updateBalance(result.balance);
      const text = code
        ? applied
          ? `${reward.name} redeemed: code ${code} applied to the cart.`
          : `${reward.name} redeemed: code ${code}.`
        : `${reward.name} redeemed.`;
      this.set({ busy: null, lastCode: code ?? null, notice: { tone: "success", text } });
      this.options.toast?.(text);
      void this.refreshCustomer();
    } catch (error) {
      if (isTransient(error)) return this.queueAction(input, meta, requestKey);
      this.set({ busy: null, notice: { tone: "critical", text: errorMessage(error) } });
    }
  }

  async award(points: number, reason: string): Promise<void> {
    const customer = this.state.customer;
    if (!customer || this.state.busy) return;
    const trimmed = reason.trim();
    if (
      !Number.isInteger(points) ||
      points <= 0 ||
      points > 100_000 ||
      trimmed === "" ||
      trimmed.length > 200
    ) {
      this.set({
        notice: {
          tone: "warning",
          text: "Enter whole points (1–100,000) and a reason (up to 200 characters).",
        },
      });
      return;
    }
    const input: NewAction = { type: "earn", customerId: customer.data.customer.id, points, reason: trimmed };
    const meta: ActionMeta = { customerName: customer.data.customer.firstName };
    const requestKey = this.newKey("award");
    this.set({ busy: "award", notice: null });
    if (!this.state.connected) return this.queueAction(input, meta, requestKey);
    try {
      const result = await this.options.api.award({ ...input, requestKey });
      this.updateBalance(result.balance);
      const text = `${points} points awarded.`;
      this.set({ busy: null, notice: { tone: "success", text } });
      this.options.toast?.(text);
    } catch (error) {
      if (isTransient(error)) return this.queueAction(input, meta, requestKey);
      this.set({ busy: null, notice: { tone: "critical", text: errorMessage(error) } });
    }
  }

  private async queueAction(input: NewAction, meta: ActionMeta, key: string) {
    try {
      await this.options.queue.record(input, meta, key);
      await this.refreshQueue();
      this.set({
        busy: null,
        notice: { tone: "info", text: "Saved on this device: it will sync when POS is back online." },
      });
    } catch (error) {
      this.set({
        busy: null,
        notice: { tone: "critical", text: `Could not save offline: ${errorMessage(error)}` },
      });
    }
  }

  /** Sends the queue; shows each action's result; refreshes the customer. */
  async sync(): Promise<void> {
    this.clearRetry();
    if (!this.state.connected) {
      this.set({ syncError: "Offline: actions will sync when POS is back online." });
      return;
    }
    this.set({ syncing: true, syncError: null });
    const outcome = await this.options.queue.sync();
    await this.refreshQueue();
    if (outcome.status === "empty") {
      this.set({ syncing: false });
      return;
    }
    if (outcome.results.length > 0) {
      this.options.toast?.(summarizeSync(outcome.results));
      const refused = outcome.results.filter((r) => r.result.status === "refused");
      this.set({
        notice: {
          tone: refused.length ? "warning" : "success",
          text: [summarizeSync(outcome.results), ...refused.map((r) => describeResult(r.result).label)].join(
            " ",
          ),
        },
      });
    }
    if (outcome.status === "failed") {
      const syncError = `Sync did not finish: ${errorMessage(outcome.error)} ${outcome.remaining} action${
        outcome.remaining === 1 ? "" : "s"
      } still pending, kept on this device.`;
      this.set({
        syncing: false,
        syncError,
        ...(outcome.results.length === 0 ? { notice: { tone: "warning" as const, text: syncError } } : {}),
      });
      this.scheduleRetry();
    } else {
      this.retryAttempt = 0;
      this.set({ syncing: false, syncError: null });
      // Actions recorded while this sync ran go next.
      if (this.state.pending.length > 0) await this.sync();
    }
    await this.refreshCustomer();
  }

  /** Re-reads the queue and, online, looks the customer up again (another surface synced). */
  async refresh() {
    await this.refreshQueue();
    await this.refreshCustomer();
  }

  private async refreshCustomer() {
    if (this.lastRef && this.state.connected) await this.lookup(this.lastRef);
  }

  private scheduleRetry() {
    const delays = this.options.retryDelaysMs ?? [10_000, 30_000, 60_000, 300_000];
    if (delays.length === 0 || !this.state.connected) return;
    const delay = delays[Math.min(this.retryAttempt, delays.length - 1)]!;
    this.retryAttempt++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.sync();
    }, delay);
  }

  private clearRetry() {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private updateBalance(available: number) {
    const customer = this.state.customer;
    if (!customer) return;
    this.set({
      customer: { ...customer, data: { ...customer.data, balance: { ...customer.data.balance, available } } },
    });
  }

  private subtotal() {
    return this.options.cart?.subtotalMinor();
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }

  private async cached(key: string): Promise<Omit<CustomerView, "cached"> | null> {
    const value = (await this.options.storage.get(key).catch(() => undefined)) as
      Omit<CustomerView, "cached"> | undefined;
    return value && typeof value === "object" && value.data ? value : null;
  }
}
