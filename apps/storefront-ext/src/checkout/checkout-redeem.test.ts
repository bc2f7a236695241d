import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../widget/api";
import type { RedeemResult } from "../widget/api";
import { profile, redemption, reward, signal } from "../ui-ext/fixtures.test-support";
import type { DiscountCodeChangeResult } from "./host";
import {
  CheckoutRedeemController,
  applyCode,
  checkoutRewards,
  toMinor,
  unusedCodes,
} from "./checkout-redeem";

function checkout(
  options: {
    codes?: string[];
    allocate?: boolean;
    result?: DiscountCodeChangeResult;
    canUpdate?: boolean;
  } = {},
) {
  const discountCodes = signal<{ code: string }[]>((options.codes ?? []).map((code) => ({ code })));
  const discountAllocations = signal<{ type: string; code?: string }[]>(
    (options.codes ?? []).map((code) => ({ type: "code", code })),
  );
  const applyDiscountCodeChange = vi.fn(async (change: { type: string; code: string }) => {
    const result = options.result ?? { type: "success" as const };
    if (result.type === "success") {
      discountCodes.set([...discountCodes.value, { code: change.code }]);
      if (options.allocate !== false)
        discountAllocations.set([...discountAllocations.value, { type: "code", code: change.code }]);
    }
    return result;
  });
  return {
    cost: { subtotalAmount: signal({ amount: 42.5, currencyCode: "USD" }) },
    discountCodes,
    discountAllocations,
    instructions: signal({ discounts: { canUpdateDiscountCodes: options.canUpdate ?? true } }),
    applyDiscountCodeChange,
  };
}

const result = (code: string | null): RedeemResult => ({
  redemption: { ...redemption({ discountCode: code }) },
  balance: 700,
  replayed: false,
});

describe("rewards in checkout", () => {
  it("converts the checkout's money to minor units", () => {
    expect(toMinor({ amount: 42.5, currencyCode: "USD" })).toBe(4250);
    expect(toMinor({ amount: 1200, currencyCode: "JPY" })).toBe(1200);
  });

  it("says how much more the cart needs before a reward with a minimum, and leaves out store credit", () => {
    const p = profile({
      rewards: [
        reward({ id: 1 }),
        reward({ id: 2, name: "10% off", type: "percentage", minOrderMinor: 5000 }),
        reward({ id: 3, type: "store_credit" }),
        reward({ id: 4, affordable: false, pointsMissing: 300, unavailableReasons: ["insufficient_points"] }),
      ],
    });
    const rows = checkoutRewards(p, 4250);
    expect(rows.map((r) => [r.reward.id, r.availability.kind])).toEqual([
      [1, "ready"],
      [2, "below_minimum"],
      [4, "blocked"],
    ]);
    expect(rows[1]!.availability).toEqual({ kind: "below_minimum", minOrderMinor: 5000, missingMinor: 750 });
    expect(rows[2]!.availability).toMatchObject({ reason: "insufficient_points", pointsMissing: 300 });
    expect(checkoutRewards(p, 5000)[1]!.availability.kind).toBe("ready");
  });

  it("offers the shopper's unused codes that are not on the checkout yet", () => {
    const items = [
      redemption({ id: 1, discountCode: "A1" }),
      redemption({ id: 2, discountCode: "B2" }),
      redemption({ id: 3, discountCode: "C3", status: "used" }),
      redemption({ id: 4, discountCode: null, storeCredit: true }),
    ];
    expect(unusedCodes(items, [{ code: "a1" }]).map((r) => r.id)).toEqual([2]);
  });
});

describe("applying a code to the checkout", () => {
  it("applied when Shopify allocates it", async () => {
    const host = checkout();
    expect(await applyCode(host, "LN-1")).toBe("applied");
    expect(host.applyDiscountCodeChange).toHaveBeenCalledWith({ type: "addDiscountCode", code: "LN-1" });
  });

  it("does not combine: on the checkout but not allocated, or refused for combining", async () => {
    expect(await applyCode(checkout({ codes: ["SUMMER"], allocate: false }), "LN-1")).toBe("not_combinable");
    expect(
      await applyCode(checkout({ result: { type: "error", message: "Discount can't be combined" } }), "LN-1"),
    ).toBe("not_combinable");
    expect(await applyCode(checkout({ result: { type: "error", message: "Invalid code" } }), "LN-1")).toBe(
      "refused",
    );
  });

  it("does not try when the checkout's discount codes are locked", async () => {
    const host = checkout({ canUpdate: false });
    expect(await applyCode(host, "LN-1")).toBe("locked");
    expect(host.applyDiscountCodeChange).not.toHaveBeenCalled();
  });
});

describe("the redeem-and-apply flow", () => {
  it("redeems with the choice's request key, then applies the new code", async () => {
    const host = checkout();
    const redeem = vi.fn(async () => result("LN-NEW"));
    const refreshed = vi.fn();
    const controller = new CheckoutRedeemController({ redeem }, host, refreshed, () => "widget:key-1");
    const r = reward();
    controller.choose(r);
    expect(controller.store.getState().redeem.phase).toBe("confirming");
    await controller.confirm(r);
    expect(redeem).toHaveBeenCalledWith({ rewardId: 1, requestKey: "widget:key-1" });
    expect(refreshed).toHaveBeenCalled();
    expect(controller.store.getState().apply).toEqual({
      code: "LN-NEW",
      rewardName: "$5 off",
      outcome: "applied",
    });
  });

  it("retries an unknown outcome with the same key, so points are never spent twice", async () => {
    const redeem = vi
      .fn()
      .mockRejectedValueOnce(new ApiError("down", "NETWORK", 0))
      .mockResolvedValueOnce(result("LN-NEW"));
    let n = 0;
    const controller = new CheckoutRedeemController(
      { redeem },
      checkout(),
      undefined,
      () => `widget:key-${++n}`,
    );
    const r = reward({ type: "points_for_money", pointsCost: 100, maxPoints: 1000 });
    controller.choose(r);
    controller.setPoints(300);
    await controller.confirm(r);
    expect(controller.store.getState().redeem).toMatchObject({
      phase: "error",
      error: { key: "panel.errors.network" },
    });
    await controller.confirm(r);
    expect(redeem.mock.calls).toEqual([
      [{ rewardId: 1, requestKey: "widget:key-1", chosenPoints: 300 }],
      [{ rewardId: 1, requestKey: "widget:key-1", chosenPoints: 300 }],
    ]);
    expect(controller.store.getState().apply?.outcome).toBe("applied");
  });

  it("keeps the code when it does not combine, and can apply it again", async () => {
    const host = checkout({ codes: ["SUMMER"], allocate: false });
    const controller = new CheckoutRedeemController({ redeem: async () => result("LN-NEW") }, host);
    controller.choose(reward());
    await controller.confirm(reward());
    expect(controller.store.getState().apply?.outcome).toBe("not_combinable");
    expect(await controller.apply("LN-NEW", "$5 off")).toBe("not_combinable");
  });

  it("on the account page (no checkout) only redeems", async () => {
    const controller = new CheckoutRedeemController({ redeem: async () => result("LN-NEW") }, null);
    controller.choose(reward());
    await controller.confirm(reward());
    expect(controller.store.getState()).toMatchObject({ redeem: { phase: "success" }, apply: null });
  });
});
