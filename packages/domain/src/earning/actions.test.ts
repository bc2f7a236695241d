import { describe, expect, it } from "vitest";
import { decideManualAdjustment } from "./manual-adjustment";
import { decideNewsletterAward } from "./newsletter";
import { decideReviewAward } from "./review";
import { decideSignupAward } from "./signup";
import { decideSocialFollowAward } from "./social-follow";

describe("account signup", () => {
  it('"once per customer"', () => {
    expect(decideSignupAward({ customerId: "c1", alreadyAwarded: false })).toEqual({
      outcome: "award",
      points: 200,
      idempotencyKey: "signup:c1",
    });
    expect(decideSignupAward({ customerId: "c1", alreadyAwarded: true })).toEqual({
      outcome: "no_award",
      reason: "already_awarded",
    });
  });
});

describe("newsletter signup", () => {
  const base = { customerId: "c1", alreadyAwarded: false } as const;

  it('"once, when marketing consent becomes subscribed"', () => {
    expect(
      decideNewsletterAward({ ...base, previousConsent: "not_subscribed", currentConsent: "subscribed" }),
    ).toEqual({ outcome: "award", points: 100, idempotencyKey: "newsletter:c1" });
    expect(
      decideNewsletterAward({ ...base, previousConsent: null, currentConsent: "subscribed" }),
    ).toMatchObject({
      outcome: "award",
    });
    expect(
      decideNewsletterAward({ ...base, previousConsent: "subscribed", currentConsent: "subscribed" }),
    ).toMatchObject({ reason: "already_subscribed" });
    expect(
      decideNewsletterAward({ ...base, previousConsent: "not_subscribed", currentConsent: "pending" }),
    ).toMatchObject({ reason: "not_subscribed" });
    // Unsubscribing and subscribing again earns nothing the second time.
    expect(
      decideNewsletterAward({
        ...base,
        alreadyAwarded: true,
        previousConsent: "unsubscribed",
        currentConsent: "subscribed",
      }),
    ).toMatchObject({ reason: "already_awarded" });
  });
});

describe("product review", () => {
  const paris = "Europe/Paris";
  const prior = (n: number, at: string) =>
    Array.from({ length: n }, (_, i) => ({ reviewId: `r${i}`, awardedAt: new Date(at) }));
  const base = {
    customerId: "c1",
    reviewId: "r99",
    approved: true,
    approvedAt: new Date("2026-05-31T21:30:00Z"), // 31 May 23:30 in Paris
    timeZone: paris,
  };

  it('"per approved review, at most 5 per month"', () => {
    expect(decideReviewAward({ ...base, priorAwards: prior(4, "2026-05-02T10:00:00Z") })).toEqual({
      outcome: "award",
      points: 100,
      idempotencyKey: "review:c1:r99",
    });
    expect(decideReviewAward({ ...base, priorAwards: prior(5, "2026-05-02T10:00:00Z") })).toMatchObject({
      reason: "monthly_limit_reached",
    });
    expect(decideReviewAward({ ...base, approved: false, priorAwards: [] })).toMatchObject({
      reason: "review_not_approved",
    });
    expect(
      decideReviewAward({ ...base, priorAwards: [{ reviewId: "r99", awardedAt: new Date("2026-04-01") }] }),
    ).toMatchObject({
      reason: "already_awarded",
    });
  });

  it('"monthly" is evaluated in the shop\'s time zone', () => {
    // Five awards on 31 May 22:30 UTC = 1 June 00:30 in Paris: they count toward June, not May.
    expect(decideReviewAward({ ...base, priorAwards: prior(5, "2026-05-31T22:30:00Z") })).toMatchObject({
      outcome: "award",
    });
    expect(
      decideReviewAward({
        ...base,
        approvedAt: new Date("2026-06-15T10:00:00Z"),
        priorAwards: prior(5, "2026-05-31T22:30:00Z"),
      }),
    ).toMatchObject({ reason: "monthly_limit_reached" });
  });
});

describe("social follow", () => {
  it('"once per network"', () => {
    expect(
      decideSocialFollowAward({ customerId: "c1", network: "Instagram", awardedNetworks: ["tiktok"] }),
    ).toEqual({
      outcome: "award",
      points: 50,
      idempotencyKey: "social:c1:instagram",
    });
    expect(
      decideSocialFollowAward({ customerId: "c1", network: "instagram ", awardedNetworks: ["INSTAGRAM"] }),
    ).toMatchObject({ reason: "already_awarded" });
  });
});

describe("manual adjustment", () => {
  const base = {
    customerId: "c1",
    points: 150,
    reason: "  goodwill for late parcel ",
    staffMemberId: "staff-7",
    requestId: "req-1",
    availablePoints: 40,
  };

  it('"staff adjustment with a required reason, audit-logged"', () => {
    expect(decideManualAdjustment(base)).toEqual({
      outcome: "award",
      points: 150,
      idempotencyKey: "adjust:req-1",
      reason: "goodwill for late parcel",
      staffMemberId: "staff-7",
      customerId: "c1",
    });
    expect(decideManualAdjustment({ ...base, reason: "   " })).toEqual({
      outcome: "no_award",
      reason: "reason_required",
    });
    expect(decideManualAdjustment({ ...base, points: 0 })).toMatchObject({ reason: "zero_points" });
  });

  it("lets staff deduct points, but not below zero (only clawbacks create debt)", () => {
    expect(decideManualAdjustment({ ...base, points: -40 })).toMatchObject({ outcome: "award", points: -40 });
    expect(decideManualAdjustment({ ...base, points: -41 })).toMatchObject({
      reason: "exceeds_available_balance",
    });
  });
});
