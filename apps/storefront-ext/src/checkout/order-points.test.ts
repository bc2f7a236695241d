import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../widget/api";
import { entry, profile } from "../ui-ext/fixtures.test-support";
import type { OrderPointsView } from "./order-points";
import { loadOrderPoints, matchOrderEntry } from "./order-points";

const at = (iso: string) => new Date(iso);

describe("matching the order's points in the history", () => {
  const items = [
    entry({
      id: 14,
      kind: "redeem",
      amount: -500,
      description: "Reward redeemed",
      occurredAt: "2026-03-01T12:00:30Z",
    }),
    entry({ id: 13, description: "Points for signing up", occurredAt: "2026-03-01T12:00:10Z" }),
    entry({
      id: 12,
      amount: 420,
      occurredAt: "2026-03-01T12:00:05Z",
      status: "pending",
      availableAt: "2026-03-31T12:00:05Z",
    }),
    entry({ id: 11, amount: 90, occurredAt: "2026-03-01T11:10:00Z" }),
    entry({ id: 9, amount: 300, occurredAt: "2026-03-01T11:58:00Z", status: "void" }),
  ];

  it("thank-you: the order earn closest to when the block rendered, within 30 min before / 5 min after", () => {
    expect(matchOrderEntry(items, { kind: "thank-you", renderedAt: at("2026-03-01T12:00:02Z") })?.id).toBe(
      12,
    );
    // Void entries, sign-up points and redemptions never match; an hour-old order is out of the window.
    expect(
      matchOrderEntry(items.slice(0, 2), { kind: "thank-you", renderedAt: at("2026-03-01T12:00:02Z") }),
    ).toBeNull();
    expect(
      matchOrderEntry([items[3]!], { kind: "thank-you", renderedAt: at("2026-03-01T12:00:02Z") }),
    ).toBeNull();
  });

  it("order status: the order earn within ±10 minutes of processedAt", () => {
    expect(
      matchOrderEntry(items, { kind: "order-status", processedAt: at("2026-03-01T11:09:30Z") })?.id,
    ).toBe(11);
    expect(
      matchOrderEntry(items, { kind: "order-status", processedAt: at("2026-03-01T11:30:00Z") }),
    ).toBeNull();
  });
});

describe("loading the order's points", () => {
  const anchor = { kind: "thank-you" as const, renderedAt: at("2026-03-01T12:00:02Z") };

  it("polls until the worker has credited the order, then shows them (pending with its date)", async () => {
    const history = vi
      .fn()
      .mockResolvedValueOnce({ items: [], nextCursor: null })
      .mockResolvedValueOnce({
        items: [
          entry({
            amount: 420,
            status: "pending",
            occurredAt: "2026-03-01T12:00:05Z",
            availableAt: "2026-03-31T00:00:00Z",
          }),
        ],
        nextCursor: null,
      });
    const views: OrderPointsView[] = [];
    const sleep = vi.fn(async () => undefined);
    const final = await loadOrderPoints({
      api: { profile: async () => profile(), history },
      anchor,
      onView: (v) => views.push(v),
      sleep,
    });
    expect(views.map((v) => v.state)).toEqual(["waiting", "earned"]);
    expect(final).toEqual({
      state: "earned",
      points: 420,
      status: "pending",
      availableAt: "2026-03-31T00:00:00Z",
      balance: 1200,
    });
    expect(sleep).toHaveBeenCalledTimes(1);
  });

  it("gives up after its attempts with 'they will show up later'", async () => {
    const final = await loadOrderPoints({
      api: { profile: async () => profile(), history: async () => ({ items: [], nextCursor: null }) },
      anchor,
      onView: () => undefined,
      sleep: async () => undefined,
      attempts: 3,
    });
    expect(final).toEqual({ state: "later", balance: 1200 });
  });

  it("keeps polling while the new customer is being set up; stops for non-members and guests", async () => {
    const notMember = await loadOrderPoints({
      api: {
        profile: async () => profile({ status: "not_member" }),
        history: async () => ({ items: [], nextCursor: null }),
      },
      anchor,
      onView: () => undefined,
      sleep: async () => undefined,
    });
    expect(notMember).toEqual({ state: "not_earning", reason: "not_member" });
    const guest = await loadOrderPoints({
      api: {
        profile: () => Promise.reject(new ApiError("no", "UNAUTHORIZED", 401)),
        history: () => Promise.reject(new ApiError("no", "UNAUTHORIZED", 401)),
      },
      anchor,
      onView: () => undefined,
      sleep: async () => undefined,
    });
    expect(guest).toEqual({ state: "not_earning", reason: "guest" });
    const views: string[] = [];
    await loadOrderPoints({
      api: {
        profile: async () => profile({ status: "unknown_customer" }),
        history: async () => ({ items: [], nextCursor: null }),
      },
      anchor,
      onView: (v) => views.push(v.state),
      sleep: async () => undefined,
      attempts: 2,
    });
    expect(views).toEqual(["waiting", "later"]);
  });

  it("looks once on the order-status page", async () => {
    const history = vi.fn(async () => ({ items: [], nextCursor: null }));
    const final = await loadOrderPoints({
      api: { profile: async () => profile(), history },
      anchor: { kind: "order-status", processedAt: at("2026-01-01T00:00:00Z") },
      onView: () => undefined,
      sleep: async () => undefined,
    });
    expect(history).toHaveBeenCalledTimes(1);
    expect(final.state).toBe("later");
  });
});
