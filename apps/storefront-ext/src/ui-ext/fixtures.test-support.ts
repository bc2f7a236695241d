import type { HistoryEntry, Profile, Redemption, Reward } from "../widget/api";

/** Shopper API shapes for the extension tests. */
export function reward(overrides: Partial<Reward> = {}): Reward {
  return {
    id: 1,
    name: "$5 off",
    type: "fixed_amount",
    pointsCost: 500,
    maxPoints: null,
    minOrderMinor: null,
    affordable: true,
    pointsMissing: 0,
    unavailableReasons: [],
    ...overrides,
  };
}

export function profile(overrides: Partial<Profile> = {}): Profile {
  return {
    status: "member",
    pointsName: { singular: "point", plural: "points" },
    balance: { available: 1200, pending: 0, lifetimeEarned: 2000 },
    tier: { id: 1, name: "Silver", earnMultiplierBp: 10000, benefits: [] },
    nextTier: { id: 2, name: "Gold", threshold: 5000, remaining: 3000, metric: "points_earned" },
    rewards: [reward()],
    ...overrides,
  };
}

export function entry(overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: 10,
    kind: "earn",
    amount: 800,
    status: "available",
    description: "Points for an order",
    occurredAt: "2026-03-01T12:00:00.000Z",
    availableAt: null,
    ...overrides,
  };
}

export function redemption(overrides: Partial<Redemption> = {}): Redemption {
  return {
    id: 5,
    rewardId: 1,
    rewardName: "$5 off",
    type: "fixed_amount",
    status: "issued",
    pointsSpent: 500,
    discountCode: "LN-ABC123",
    value: { amountMinor: 500, currency: "USD" },
    storeCredit: false,
    expiresAt: null,
    createdAt: "2026-03-01T12:00:00.000Z",
    ...overrides,
  };
}

/** A Shopify signal-like whose value the test sets. */
export function signal<T>(value: T) {
  const listeners = new Set<(v: T) => void>();
  return {
    value,
    set(next: T) {
      this.value = next;
      for (const l of listeners) l(next);
    },
    subscribe(fn: (v: T) => void) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
