import { describe, expect, it } from "vitest";
import { backoffDelayMs, DEFAULT_RETRY_POLICY, retryAfterMs } from "./retry-policy";

describe("backoffDelayMs", () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000 };

  it("doubles the window per attempt, jittering within its upper half", () => {
    expect(backoffDelayMs(0, policy, () => 0)).toBe(50);
    expect(backoffDelayMs(0, policy, () => 1)).toBe(100);
    expect(backoffDelayMs(2, policy, () => 0)).toBe(200);
    expect(backoffDelayMs(2, policy, () => 1)).toBe(400);
  });

  it("caps the window", () => {
    expect(backoffDelayMs(20, policy, () => 1)).toBe(1_000);
  });
});

describe("retryAfterMs", () => {
  it("reads seconds and ignores junk", () => {
    expect(retryAfterMs("2.5")).toBe(2_500);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs("soon")).toBeNull();
  });
});
