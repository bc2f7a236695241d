import type { ApiClient, HistoryEntry, Profile } from "../widget/api";
import { ApiError } from "../widget/api";

/**
 * "The points this order earns", for the thank-you and order-status blocks.
 *
 * Matching rule. `shopper.history` does not say which order an entry came from (no source id), so
 * the order is matched by what the entry says and when it happened:
 * - an order earn is an entry of kind `earn`, not void, with the description the API gives order
 *   points ("Points for an order", `describeEntry` for source type `order`); its `occurredAt` is
 *   the order's paid time (the worker posts it with `occurredAt = order.paidAt`);
 * - order-status page (`customer-account.order-status.block.render`, knows `order.processedAt`):
 *   the order earn closest in time to `processedAt`, within ±10 minutes;
 * - thank-you page (`purchase.thank-you.block.render`, knows only the order id): the order was just
 *   paid, so the order earn closest to the moment the block first rendered, from 30 minutes before
 *   to 5 minutes after it. The worker credits the order from the `orders/paid` webhook, usually a
 *   few seconds after the page opens, so the block polls (every 3 s, 10 times) before saying the
 *   points will show up later.
 * Two orders paid within minutes of each other could be confused; an exact match needs the API to
 * expose the order id on history entries (see the README).
 */
export const ORDER_EARN_DESCRIPTION = "Points for an order";
export const ORDER_STATUS_TOLERANCE_MS = 10 * 60_000;
export const THANK_YOU_BEFORE_MS = 30 * 60_000;
export const THANK_YOU_AFTER_MS = 5 * 60_000;
export const POLL_INTERVAL_MS = 3_000;
export const POLL_ATTEMPTS = 10;

export type OrderAnchor =
  { kind: "thank-you"; renderedAt: Date } | { kind: "order-status"; processedAt: Date };

export function isOrderEarn(entry: HistoryEntry): boolean {
  return (
    entry.kind === "earn" &&
    entry.status !== "void" &&
    entry.amount > 0 &&
    entry.description === ORDER_EARN_DESCRIPTION
  );
}

export function matchOrderEntry(items: readonly HistoryEntry[], anchor: OrderAnchor): HistoryEntry | null {
  const at = anchor.kind === "thank-you" ? anchor.renderedAt.getTime() : anchor.processedAt.getTime();
  const [from, to] =
    anchor.kind === "thank-you"
      ? [at - THANK_YOU_BEFORE_MS, at + THANK_YOU_AFTER_MS]
      : [at - ORDER_STATUS_TOLERANCE_MS, at + ORDER_STATUS_TOLERANCE_MS];
  let best: HistoryEntry | null = null;
  let bestDistance = Infinity;
  for (const entry of items) {
    if (!isOrderEarn(entry)) continue;
    const time = Date.parse(entry.occurredAt);
    if (!Number.isFinite(time) || time < from || time > to) continue;
    const distance = Math.abs(time - at);
    if (distance < bestDistance || (distance === bestDistance && best !== null && entry.id > best.id)) {
      best = entry;
      bestDistance = distance;
    }
  }
  return best;
}

export type OrderPointsView =
  | { state: "loading" }
  /** Points credited for this order: pending (spendable from `availableAt`) or available. */
  | {
      state: "earned";
      points: number;
      status: "pending" | "available";
      availableAt: string | null;
      balance: number;
    }
  /** Not credited yet (the webhook is on its way): still polling. */
  | { state: "waiting" }
  /** Nothing found after polling, or an older order without points: "they will appear in your account". */
  | { state: "later"; balance: number | null }
  /** The shopper earns nothing here: not a member (opt-in shop), excluded, programme paused, a guest. */
  | { state: "not_earning"; reason: Profile["status"] | "guest" }
  | { state: "error" };

export function viewFor(
  profile: Profile,
  entry: HistoryEntry | null,
  stillPolling: boolean,
): OrderPointsView {
  if (entry)
    return {
      state: "earned",
      points: entry.amount,
      status: entry.status === "pending" ? "pending" : "available",
      availableAt: entry.availableAt,
      balance: profile.balance.available,
    };
  if (profile.status !== "member" && profile.status !== "unknown_customer")
    return { state: "not_earning", reason: profile.status };
  return stillPolling ? { state: "waiting" } : { state: "later", balance: profile.balance.available };
}

/**
 * Loads the order's points, polling on the thank-you page until they are credited. Reports every
 * step through `onView`; stops when `signal` aborts (the block unmounted).
 */
export async function loadOrderPoints(options: {
  api: Pick<ApiClient, "profile" | "history">;
  anchor: OrderAnchor;
  onView: (view: OrderPointsView) => void;
  sleep?: (ms: number) => Promise<void>;
  attempts?: number;
  signal?: AbortSignal;
}): Promise<OrderPointsView> {
  const sleep = options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const attempts = options.anchor.kind === "thank-you" ? (options.attempts ?? POLL_ATTEMPTS) : 1;
  let view: OrderPointsView = { state: "loading" };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (options.signal?.aborted) return view;
    try {
      const [profile, history] = await Promise.all([
        options.api.profile(),
        options.api.history({ limit: 50 }),
      ]);
      const entry = matchOrderEntry(history.items, options.anchor);
      // The profile is cached (invalidated on commit): when the entry just appeared, read it again
      // so the balance shown includes this order.
      const fresh = entry ? await options.api.profile().catch(() => profile) : profile;
      view = viewFor(fresh, entry, attempt < attempts);
    } catch (error) {
      // No logged-in customer behind the session token (a guest checkout): nothing to show but the invite.
      if (error instanceof ApiError && (error.code === "UNAUTHORIZED" || error.code === "FORBIDDEN"))
        view = { state: "not_earning", reason: "guest" };
      else view = attempt < attempts ? { state: "waiting" } : { state: "error" };
    }
    if (options.signal?.aborted) return view;
    options.onView(view);
    if (view.state !== "waiting") return view;
    await sleep(POLL_INTERVAL_MS);
  }
  return view;
}
