import { describe, expect, it } from "vitest";
import type { RedeemResult } from "./api";
import type { ShopperError } from "./errors";
import type { RedeemEvent, RedeemState } from "./redeem-state";
import { IDLE, makeRequestKey, redeemReducer } from "./redeem-state";

function keys() {
  let n = 0;
  return () => `widget:key-${++n}`;
}
function run(events: RedeemEvent[], state: RedeemState = IDLE, newKey = keys()) {
  return events.reduce((s, e) => redeemReducer(s, e, newKey), state);
}
const result = {
  redemption: { discountCode: "LN-ABC" },
  balance: 100,
  replayed: false,
} as unknown as RedeemResult;
const error = (retry: ShopperError["retry"]): ShopperError => ({ key: "panel.errors.x", retry });

describe("redeem state", () => {
  it("goes idle → confirming → submitting → success → idle, with one request key", () => {
    const newKey = keys();
    const confirming = run([{ type: "choose", rewardId: 3, points: 500 }], IDLE, newKey);
    expect(confirming).toEqual({ phase: "confirming", rewardId: 3, points: 500, requestKey: "widget:key-1" });
    const submitting = redeemReducer(confirming, { type: "confirm" }, newKey);
    expect(submitting).toEqual({ phase: "submitting", rewardId: 3, points: 500, requestKey: "widget:key-1" });
    const success = redeemReducer(submitting, { type: "succeeded", result }, newKey);
    expect(success).toEqual({ phase: "success", rewardId: 3, result });
    expect(redeemReducer(success, { type: "dismiss" }, newKey)).toEqual(IDLE);
  });

  it("cancels a confirmation without spending anything", () => {
    expect(run([{ type: "choose", rewardId: 3, points: 500 }, { type: "cancel" }])).toEqual(IDLE);
  });

  it("ignores a second confirm while submitting (no double redemption) and a choice made meanwhile", () => {
    const submitting = run([{ type: "choose", rewardId: 3, points: 500 }, { type: "confirm" }]);
    expect(redeemReducer(submitting, { type: "confirm" }, keys())).toBe(submitting);
    expect(redeemReducer(submitting, { type: "choose", rewardId: 4, points: 10 }, keys())).toBe(submitting);
    expect(redeemReducer(submitting, { type: "dismiss" }, keys())).toBe(submitting);
  });

  it("retries an unknown outcome with the same key, and a known failure with a new one", () => {
    const newKey = keys();
    const failed = (retry: ShopperError["retry"]) =>
      run(
        [
          { type: "choose", rewardId: 3, points: 500 },
          { type: "confirm" },
          { type: "failed", error: error(retry) },
        ],
        IDLE,
        newKey,
      );
    const network = failed("same_key");
    expect(network).toMatchObject({ phase: "error", requestKey: "widget:key-1" });
    expect(redeemReducer(network, { type: "retry" }, newKey)).toMatchObject({
      phase: "submitting",
      requestKey: "widget:key-1",
    });
    const shopify = failed("new_key");
    expect(redeemReducer(shopify, { type: "retry" }, newKey)).toMatchObject({
      phase: "submitting",
      requestKey: "widget:key-3",
    });
  });

  it("does not retry a refusal (not enough points); the shopper dismisses it", () => {
    const refused = run([
      { type: "choose", rewardId: 3, points: 500 },
      { type: "confirm" },
      { type: "failed", error: error("no") },
    ]);
    expect(redeemReducer(refused, { type: "retry" }, keys())).toBe(refused);
    expect(redeemReducer(refused, { type: "dismiss" }, keys())).toEqual(IDLE);
  });

  it("lets the shopper change the points while confirming (points for money) and choose anew after an error", () => {
    const changed = run([
      { type: "choose", rewardId: 9, points: 1000 },
      { type: "set_points", points: 400 },
    ]);
    expect(changed).toMatchObject({ phase: "confirming", points: 400 });
    const again = run(
      [
        { type: "confirm" },
        { type: "failed", error: error("no") },
        { type: "choose", rewardId: 9, points: 300 },
      ],
      changed,
    );
    expect(again).toMatchObject({ phase: "confirming", points: 300 });
  });

  it("ignores results that arrive in the wrong phase", () => {
    expect(redeemReducer(IDLE, { type: "succeeded", result }, keys())).toBe(IDLE);
    expect(redeemReducer(IDLE, { type: "failed", error: error("no") }, keys())).toBe(IDLE);
    expect(redeemReducer(IDLE, { type: "confirm" }, keys())).toBe(IDLE);
  });

  it("makes request keys the API accepts", () => {
    const key = makeRequestKey();
    expect(key).toMatch(/^[A-Za-z0-9:_.-]{8,100}$/);
    expect(makeRequestKey()).not.toBe(key);
  });
});
