import type { Lookup, OfflineAction, PosApi, SyncResult } from "./api";
import { ApiError } from "./api";

/**
 * A LoyalNest stand-in for the POS logic's tests, with the server's rules for `pos.*`: one
 * application per idempotency key (a replay answers `duplicate`; a refused key is judged again),
 * redeems refused for insufficient points at sync time, and faults to inject around a call.
 */
export type Fault = "none" | "fail_before" | "lose_response" | "partial" | "duplicate_entries";

export function fakeServer(options: { balance?: number; rewardCost?: number } = {}) {
  const state = {
    balance: options.balance ?? 600,
    applied: new Map<string, SyncResult>(),
    syncCalls: [] as OfflineAction[][],
    applications: [] as string[],
    faults: [] as Fault[],
    online: true,
  };
  const cost = options.rewardCost ?? 500;
  let codes = 0;

  function apply(action: OfflineAction): SyncResult {
    const base = { key: action.key, type: action.type, reason: null, message: null, discountCode: null };
    const previous = state.applied.get(action.key);
    if (previous) return { ...previous, status: "duplicate", pointsDelta: 0, balance: state.balance };
    if (action.type === "redeem" && state.balance < cost)
      return {
        ...base,
        status: "refused",
        reason: "insufficient_points",
        message: `You need ${cost - state.balance} more points for this reward.`,
        pointsDelta: 0,
        balance: null,
      };
    const delta = action.type === "earn" ? action.points : -cost;
    state.balance += delta;
    state.applications.push(action.key);
    const result: SyncResult = {
      ...base,
      status: "applied",
      pointsDelta: delta,
      discountCode: action.type === "redeem" ? `LN-CODE${++codes}` : null,
      balance: state.balance,
    };
    state.applied.set(action.key, result);
    return result;
  }

  const lookup = (): Lookup => ({
    customer: { id: 42, shopifyCustomerId: "7100000000000", firstName: "Ada", status: "member" },
    balance: { available: state.balance, pending: 0 },
    tier: null,
    rewards: [
      {
        id: 9,
        name: "$5 off",
        type: "fixed_amount",
        pointsCost: cost,
        maxPoints: null,
        redeemable: state.balance >= cost,
        unavailableReasons: state.balance >= cost ? [] : ["insufficient_points"],
      },
    ],
  });

  const offline = () => new ApiError("LoyalNest could not be reached.", "NETWORK", 0);

  const api: PosApi = {
    async lookupCustomer() {
      if (!state.online) throw offline();
      return lookup();
    },
    async redeem(input) {
      if (!state.online) throw offline();
      const result = apply({
        type: "redeem",
        key: input.requestKey,
        recordedAt: new Date().toISOString(),
        customerId: input.customerId,
        rewardId: input.rewardId,
      });
      if (result.status === "refused")
        throw new ApiError(result.message ?? "refused", "UNPROCESSABLE_CONTENT", 422);
      return {
        redemption: { discountCode: result.discountCode } as never,
        balance: state.balance,
        replayed: result.status === "duplicate",
      };
    },
    async award(input) {
      if (!state.online) throw offline();
      const result = apply({
        type: "earn",
        key: input.requestKey,
        recordedAt: new Date().toISOString(),
        customerId: input.customerId,
        points: input.points,
        reason: input.reason,
      });
      return {
        outcome: result.status === "applied" ? "applied" : "duplicate",
        points: input.points,
        balance: state.balance,
      };
    },
    async syncOffline({ actions }) {
      const fault = state.faults.shift() ?? "none";
      state.syncCalls.push(actions.map((a) => ({ ...a })));
      if (!state.online || fault === "fail_before") throw offline();
      const results = actions.map(apply);
      if (fault === "lose_response") throw new ApiError("Unexpected answer (HTTP 502).", "BAD_RESPONSE", 502);
      if (fault === "partial") return { results: results.slice(0, 1) };
      if (fault === "duplicate_entries")
        return { results: [...results, ...results.map((r) => ({ ...r, status: "refused" as const }))] };
      return { results };
    },
  };
  return { api, state };
}

/** A connectivity signal the test flips. */
export function fakeConnectivity(connected = true) {
  const listeners = new Set<(value: { internetConnected: "Connected" | "Disconnected" }) => void>();
  let value: { internetConnected: "Connected" | "Disconnected" } = {
    internetConnected: connected ? "Connected" : "Disconnected",
  };
  return {
    get value() {
      return value;
    },
    subscribe(fn: (v: typeof value) => void) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    set(connectedNow: boolean) {
      value = { internetConnected: connectedNow ? "Connected" : "Disconnected" };
      for (const fn of listeners) fn(value);
    },
  };
}

/** Keys `k-0001`-style in order, like the real ones but predictable. */
export function sequentialKeys(prefix = "pos:test") {
  let n = 0;
  return (kind: string) => `${prefix}:${kind}:${String(++n).padStart(4, "0")}`;
}

/** A clock that advances one second per reading. */
export function tickingClock(start = Date.parse("2026-03-01T10:00:00Z")) {
  let t = start;
  return () => new Date((t += 1000));
}
