import type { RedeemResult } from "./api";
import type { ShopperError } from "./errors";

/**
 * The redeem flow, one reward at a time:
 *
 *   idle ──choose──▶ confirming ──confirm──▶ submitting ──succeeded──▶ success ──dismiss──▶ idle
 *                      │ cancel               │ failed
 *                      ▼                      ▼
 *                     idle                  error ──retry──▶ submitting (same or new key)
 *                                             └──dismiss / choose──▶ idle / confirming
 *
 * The request key is made when the shopper chooses a reward and kept through submitting, so a
 * repeated confirm or a retry after an unknown outcome replays the same redemption instead of
 * spending twice. A confirm while submitting is ignored (no double submit).
 */
export type RedeemState =
  | { phase: "idle" }
  | { phase: "confirming"; rewardId: number; points: number; requestKey: string }
  | { phase: "submitting"; rewardId: number; points: number; requestKey: string }
  | { phase: "success"; rewardId: number; result: RedeemResult }
  | { phase: "error"; rewardId: number; points: number; requestKey: string; error: ShopperError };

export type RedeemEvent =
  | { type: "choose"; rewardId: number; points: number }
  | { type: "set_points"; points: number }
  | { type: "cancel" }
  | { type: "confirm" }
  | { type: "succeeded"; result: RedeemResult }
  | { type: "failed"; error: ShopperError }
  | { type: "retry" }
  | { type: "dismiss" };

export const IDLE: RedeemState = { phase: "idle" };

export function redeemReducer(state: RedeemState, event: RedeemEvent, newKey: () => string): RedeemState {
  switch (event.type) {
    case "choose":
      if (state.phase === "submitting") return state;
      return { phase: "confirming", rewardId: event.rewardId, points: event.points, requestKey: newKey() };
    case "set_points":
      return state.phase === "confirming" ? { ...state, points: event.points } : state;
    case "cancel":
      return state.phase === "confirming" ? IDLE : state;
    case "confirm":
      return state.phase === "confirming" ? { ...state, phase: "submitting" } : state;
    case "succeeded":
      return state.phase === "submitting"
        ? { phase: "success", rewardId: state.rewardId, result: event.result }
        : state;
    case "failed":
      return state.phase === "submitting" ? { ...state, phase: "error", error: event.error } : state;
    case "retry":
      if (state.phase !== "error" || state.error.retry === "no") return state;
      return {
        phase: "submitting",
        rewardId: state.rewardId,
        points: state.points,
        requestKey: state.error.retry === "same_key" ? state.requestKey : newKey(),
      };
    case "dismiss":
      return state.phase === "success" || state.phase === "error" ? IDLE : state;
  }
}

/** A request key the server accepts (8–100 of `[A-Za-z0-9:_.-]`), unique per choice. */
export function makeRequestKey(random: () => string = () => crypto.randomUUID()): string {
  return `widget:${random()}`;
}
