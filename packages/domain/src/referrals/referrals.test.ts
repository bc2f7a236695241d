import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../time";
import {
  assessReferralFraud,
  attributeReferral,
  buildReferralVisit,
  buildShareLinks,
  canTransitionReferral,
  completeReferral,
  completionsInSameMonth,
  decideReferralReversal,
  generateReferralCode,
  generateReferralCodeAsync,
  hashIp,
  normalizeReferralCode,
  randomReferralCode,
  referralCodeFromUrl,
  referralLink,
  reviewReferral,
  transitionReferral,
  IllegalReferralTransitionError,
  REFERRAL_CODE_ALPHABET,
  REFERRAL_TRANSITIONS,
  ReferralCodeExhaustedError,
  type ReferralFraudInput,
  type ReferralRecord,
  type ReferralStatus,
} from "./index";

/** A deterministic random source (mulberry32) for reproducible tests. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return (maxExclusive: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * maxExclusive);
  };
}

const hmac = (v: string) => createHash("sha256").update(`secret:${v}`).digest("hex");
const NOW = new Date("2026-06-15T12:00:00Z");
const TZ = "Europe/Paris";

const cleanFraud = (over: Partial<ReferralFraudInput> = {}): ReferralFraudInput => ({
  advocate: {
    customerId: 1,
    emailHash: "ea",
    shippingAddressHash: "sa",
    fingerprints: [{ ipHash: "ipA", userAgentHash: "uaA", at: NOW }],
  },
  friend: {
    customerId: 2,
    emailHash: "ef",
    shippingAddressHash: "sf",
    fingerprints: [{ ipHash: "ipF", userAgentHash: "uaA", at: NOW }],
  },
  friendPriorPaidOrders: 0,
  advocateCompletedThisMonth: 0,
  ...over,
});

const referral = (over: Partial<ReferralRecord> = {}): ReferralRecord => ({
  id: 10,
  status: "pending",
  advocateCustomerId: 1,
  friendCustomerId: 2,
  firstOrderId: null,
  firstOrderPaidAt: null,
  completedAt: null,
  advocatePointsAwarded: 0,
  friendRedemptionId: 99,
  ...over,
});

describe("referrals (§9)", () => {
  it('"Every member gets a short referral code, unique in the shop (no look-alike characters)"', () => {
    expect(REFERRAL_CODE_ALPHABET).not.toMatch(/[0O1IL]/);
    const code = randomReferralCode(seeded(1));
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{7}$/);
    // A collision is retried …
    const taken = new Set([randomReferralCode(seeded(7))]);
    const fresh = generateReferralCode({ randomInt: seeded(7), isTaken: (c) => taken.has(c) });
    expect(taken.has(fresh)).toBe(false);
    // … and after N attempts it gives up with a typed error.
    expect(() => generateReferralCode({ randomInt: () => 0, isTaken: () => true, maxAttempts: 3 })).toThrow(
      ReferralCodeExhaustedError,
    );
    expect(() => randomReferralCode(() => 31)).toThrow(RangeError);
    expect(normalizeReferralCode("  abc2def ")).toBe("ABC2DEF");
    expect(normalizeReferralCode("ABC0DEF")).toBeNull();
  });

  it("gives up asynchronously too when every code is taken (a database look-up)", async () => {
    await expect(
      generateReferralCodeAsync({ randomInt: seeded(3), isTaken: async () => true, maxAttempts: 2 }),
    ).rejects.toBeInstanceOf(ReferralCodeExhaustedError);
    let calls = 0;
    const code = await generateReferralCodeAsync({ randomInt: seeded(3), isTaken: async () => ++calls < 3 });
    expect(calls).toBe(3);
    expect(normalizeReferralCode(code)).toBe(code);
  });

  it('"a share link usable by e-mail, SMS, WhatsApp and copy"', () => {
    const link = referralLink("https://shop.example.com", "ABC2DEF", "/pages/welcome?utm_source=loyalnest");
    expect(link).toBe("https://shop.example.com/pages/welcome?utm_source=loyalnest&ref=ABC2DEF");
    const links = buildShareLinks(link, { subject: "10% off & a gift", text: "Try Café Olé — 10% off!" });
    expect(links.copy).toBe(link);
    expect(links.email.startsWith("mailto:?subject=10%25%20off%20%26%20a%20gift&body=")).toBe(true);
    expect(links.sms.startsWith("sms:?body=Try%20Caf%C3%A9%20Ol%C3%A9")).toBe(true);
    expect(links.whatsapp.startsWith("https://wa.me/?text=")).toBe(true);
    expect(links.email).not.toContain("+");
    expect(new URL(links.whatsapp).searchParams.get("text")).toBe(`Try Café Olé — 10% off! ${link}`);
    expect(decodeURIComponent(links.email.split("&body=")[1]!)).toBe(`Try Café Olé — 10% off!\n\n${link}`);
    expect(referralCodeFromUrl(link)).toBe("ABC2DEF");
    expect(referralCodeFromUrl("https://shop.example.com/?ref=zz")).toBeNull();
    expect(() => referralLink("javascript:alert(1)", "ABC2DEF")).toThrow(RangeError);
    expect(() => referralLink("https://shop.example.com", "ABC2DEF", "https://evil.example/")).toThrow(
      RangeError,
    );
  });

  it('"A visit with `?ref=CODE` is recorded (hashed IP and user agent, never raw)"', () => {
    const ip = "2001:DB8::1";
    const ua = "Mozilla/5.0 (iPhone)";
    const visit = buildReferralVisit(
      { referralCodeId: 5, visitorToken: "v-123", ip, userAgent: ua, at: NOW },
      hmac,
    );
    expect(visit).toEqual({
      referralCodeId: 5,
      visitorToken: "v-123",
      ipHash: hmac("ip:2001:db8::1"),
      userAgentHash: hmac(`ua:${ua}`),
      createdAt: NOW,
    });
    expect(JSON.stringify(visit)).not.toContain("2001");
    expect(JSON.stringify(visit)).not.toContain("Mozilla");
    // The same IP, however written, gives the hash the fraud check compares.
    expect(hashIp(" 2001:db8::1 ", hmac)).toBe(visit.ipHash);
    expect(
      buildReferralVisit({ referralCodeId: 5, visitorToken: "v", ip: null, userAgent: "", at: NOW }, hmac),
    ).toMatchObject({
      ipHash: null,
      userAgentHash: null,
    });
  });

  it('"The referral completes when the friend\'s **first paid order** arrives; then the advocate is rewarded"', () => {
    const candidates = [
      {
        id: 3,
        status: "pending" as const,
        advocateCustomerId: 7,
        friendCustomerId: null,
        friendEmailHash: "ef",
        createdAt: new Date("2026-01-02"),
      },
      {
        id: 2,
        status: "pending" as const,
        advocateCustomerId: 1,
        friendCustomerId: 2,
        friendEmailHash: null,
        createdAt: new Date("2026-03-01"),
      },
      {
        id: 1,
        status: "completed" as const,
        advocateCustomerId: 8,
        friendCustomerId: 2,
        friendEmailHash: "ef",
        createdAt: new Date("2025-01-01"),
      },
    ];
    // The referral tied to the customer wins; a completed one is never completed again (second order).
    expect(
      attributeReferral({ orderId: 1, customerId: 2, emailHash: "ef", cancelled: false }, candidates)?.id,
    ).toBe(2);
    // A guest checkout is matched by e-mail hash.
    expect(
      attributeReferral({ orderId: 1, customerId: null, emailHash: "ef", cancelled: false }, candidates)?.id,
    ).toBe(3);
    expect(
      attributeReferral({ orderId: 1, customerId: 2, emailHash: "ef", cancelled: true }, candidates),
    ).toBeNull();
    expect(
      attributeReferral({ orderId: 1, customerId: 5, emailHash: "x", cancelled: false }, candidates),
    ).toBeNull();

    const done = completeReferral({
      referral: referral(),
      order: { orderId: 555, paidAt: NOW, customerId: 2 },
      fraud: cleanFraud(),
      advocateReward: { type: "points", points: 500 },
    });
    expect(done).toMatchObject({
      status: "completed",
      fraudScore: 0,
      fraudReasons: [],
      firstOrderId: 555,
      completedAt: NOW,
      advocatePointsAwarded: 500,
      advocateGrant: {
        customerId: 1,
        referralId: 10,
        reward: { type: "points", points: 500 },
        idempotencyKey: "referral:10:advocate",
      },
    });
  });

  it('"Fraud rules produce a score and a reason list; a flagged referral waits in a review queue for the merchant instead of being silently rejected"', () => {
    const flagged = completeReferral({
      referral: referral(),
      order: { orderId: 555, paidAt: NOW, customerId: 2 },
      fraud: cleanFraud({ friendPriorPaidOrders: 2 }),
      advocateReward: { type: "points", points: 500 },
    });
    expect(flagged).toMatchObject({
      status: "flagged",
      fraudScore: 60,
      fraudReasons: ["friend_not_new_customer"],
      advocateGrant: null,
      completedAt: null,
    });
    // A merchant with a higher threshold lets this one through.
    expect(
      completeReferral({
        referral: referral(),
        order: { orderId: 555, paidAt: NOW, customerId: 2 },
        fraud: cleanFraud({ friendPriorPaidOrders: 2 }),
        fraudScoreThreshold: 80,
        advocateReward: { type: "points", points: 500 },
      }).status,
    ).toBe("completed");
    // The merchant reviews: approval rewards the advocate, rejection does not.
    const inQueue = referral({ status: "flagged" });
    const approved = reviewReferral({
      referral: inQueue,
      decision: "approve",
      reviewedBy: "staff:1",
      at: NOW,
      advocateReward: { type: "points", points: 500 },
    });
    expect(approved).toMatchObject({
      status: "approved",
      completedAt: NOW,
      advocatePointsAwarded: 500,
      advocateGrant: { idempotencyKey: "referral:10:advocate" },
    });
    const rejected = reviewReferral({
      referral: inQueue,
      decision: "reject",
      reviewedBy: "staff:1",
      at: NOW,
      advocateReward: { type: "points", points: 500 },
    });
    expect(rejected).toMatchObject({ status: "rejected", advocateGrant: null, advocatePointsAwarded: 0 });
  });

  it('"friend is the advocate (same customer, same e-mail hash, same shipping-address hash)"', () => {
    const base = cleanFraud();
    expect(assessReferralFraud({ ...base, friend: { ...base.friend, customerId: 1 } })).toEqual({
      score: 100,
      reasons: ["friend_is_advocate"],
    });
    expect(assessReferralFraud({ ...base, friend: { ...base.friend, emailHash: "ea" } }).reasons).toEqual([
      "same_email_as_advocate",
    ]);
    expect(
      assessReferralFraud({ ...base, friend: { ...base.friend, shippingAddressHash: "sa" } }).reasons,
    ).toEqual(["same_shipping_address_as_advocate"]);
    // Missing hashes never match each other.
    const noHashes = { customerId: null, emailHash: null, shippingAddressHash: null, fingerprints: [] };
    expect(
      assessReferralFraud({ ...base, advocate: { ...noHashes, customerId: 1 }, friend: noHashes }).score,
    ).toBe(0);
  });

  it('"friend is not a new customer"', () => {
    expect(assessReferralFraud(cleanFraud({ friendPriorPaidOrders: 1 })).reasons).toEqual([
      "friend_not_new_customer",
    ]);
    expect(assessReferralFraud(cleanFraud({ friendPriorPaidOrders: 0 })).reasons).toEqual([]);
  });

  it('"the same device/IP fingerprint as the advocate within 24 h"', () => {
    const base = cleanFraud();
    const friendAt = (hours: number) => ({
      ...base,
      friend: {
        ...base.friend,
        fingerprints: [
          { ipHash: "ipA", userAgentHash: "uaF", at: new Date(NOW.getTime() + hours * 3_600_000) },
        ],
      },
    });
    expect(assessReferralFraud(friendAt(24)).reasons).toEqual(["same_fingerprint_as_advocate_within_24h"]);
    expect(assessReferralFraud(friendAt(-24)).reasons).toEqual(["same_fingerprint_as_advocate_within_24h"]);
    expect(assessReferralFraud(friendAt(25)).reasons).toEqual([]);
    // The same user agent alone is not a fingerprint match (base shares "uaA").
    expect(assessReferralFraud(base).reasons).toEqual([]);
  });

  it('"more than N completed referrals per advocate per month (default 20)"', () => {
    expect(assessReferralFraud(cleanFraud({ advocateCompletedThisMonth: 19 })).reasons).toEqual([]);
    expect(assessReferralFraud(cleanFraud({ advocateCompletedThisMonth: 20 })).reasons).toEqual([
      "advocate_monthly_limit_exceeded",
    ]);
    expect(
      assessReferralFraud(cleanFraud({ advocateCompletedThisMonth: 5, monthlyLimit: 5 })).reasons,
    ).toEqual(["advocate_monthly_limit_exceeded"]);
    // The month is the shop's calendar month: 30 June 23:30 UTC is already July in Paris.
    const completions = [
      new Date("2026-06-30T23:30:00Z"),
      new Date("2026-07-10T10:00:00Z"),
      new Date("2026-06-29T10:00:00Z"),
    ];
    expect(completionsInSameMonth(completions, new Date("2026-07-15T10:00:00Z"), TZ)).toBe(2);
    expect(completionsInSameMonth(completions, new Date("2026-07-15T10:00:00Z"), "UTC")).toBe(1);
  });

  it('"States: `pending` → `completed` | `flagged` → `approved` | `rejected`; `completed` → `reversed`."', () => {
    expect(transitionReferral("pending", "completed")).toBe("completed");
    expect(transitionReferral("pending", "flagged")).toBe("flagged");
    expect(transitionReferral("flagged", "approved")).toBe("approved");
    expect(transitionReferral("flagged", "rejected")).toBe("rejected");
    expect(transitionReferral("completed", "reversed")).toBe("reversed");
    expect(transitionReferral("approved", "reversed")).toBe("reversed");
    expect(() => transitionReferral("pending", "approved")).toThrow(IllegalReferralTransitionError);
    expect(() => transitionReferral("rejected", "approved")).toThrow(IllegalReferralTransitionError);
    expect(() => transitionReferral("completed", "flagged")).toThrow(IllegalReferralTransitionError);
    expect(() =>
      completeReferral({
        referral: referral({ status: "completed" }),
        order: { orderId: 1, paidAt: NOW, customerId: 2 },
        fraud: cleanFraud(),
        advocateReward: { type: "points", points: 500 },
      }),
    ).toThrow(IllegalReferralTransitionError);
  });

  it('"If that order is fully refunded within the reversal window (default 30 days), both rewards are reversed."', () => {
    const rewarded = referral({
      status: "completed",
      firstOrderId: 555,
      firstOrderPaidAt: NOW,
      completedAt: NOW,
      advocatePointsAwarded: 500,
    });
    const order = { orderId: 555, totalMinor: 5_000, refundedMinor: 5_000 };
    const decision = decideReferralReversal({ referral: rewarded, order, refundedAt: addDays(NOW, 30) });
    expect(decision).toEqual({
      reverse: true,
      status: "reversed",
      reversedAt: addDays(NOW, 30),
      reversalReason: "first_order_fully_refunded",
      advocatePoints: { customerId: 1, points: -500, idempotencyKey: "referral:10:advocate:reversal" },
      advocateGrantKey: "referral:10:advocate",
      friendRedemptionId: 99,
      friendReversalKey: "referral:10:friend:reversal",
    });
    expect(
      decideReferralReversal({
        referral: rewarded,
        order,
        refundedAt: new Date(addDays(NOW, 30).getTime() + 1),
      }),
    ).toEqual({
      reverse: false,
      reason: "outside_window",
    });
    expect(
      decideReferralReversal({
        referral: rewarded,
        order,
        refundedAt: addDays(NOW, 40),
        reversalWindowDays: 60,
      }).reverse,
    ).toBe(true);
    expect(
      decideReferralReversal({
        referral: rewarded,
        order: { ...order, refundedMinor: 4_999 },
        refundedAt: NOW,
      }),
    ).toEqual({
      reverse: false,
      reason: "not_fully_refunded",
    });
    expect(
      decideReferralReversal({ referral: rewarded, order: { ...order, orderId: 556 }, refundedAt: NOW }),
    ).toEqual({
      reverse: false,
      reason: "not_first_order",
    });
    expect(
      decideReferralReversal({ referral: { ...rewarded, status: "approved" }, order, refundedAt: NOW })
        .reverse,
    ).toBe(true);
    expect(
      decideReferralReversal({ referral: { ...rewarded, status: "reversed" }, order, refundedAt: NOW }),
    ).toEqual({
      reverse: false,
      reason: "not_rewarded",
    });
  });
});

describe("referral invariants (property-based)", () => {
  const statuses = Object.keys(REFERRAL_TRANSITIONS) as ReferralStatus[];

  it("generated referral codes use only the alphabet and are unique in the shop", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 4, max: 10 }),
        (seed, n, length) => {
          const rnd = seeded(seed);
          const shop = new Set<string>();
          for (let i = 0; i < n; i++) {
            const code = generateReferralCode({
              randomInt: rnd,
              isTaken: (c) => shop.has(c),
              length,
              maxAttempts: 50,
            });
            expect(code).toHaveLength(length);
            for (const ch of code) expect(REFERRAL_CODE_ALPHABET).toContain(ch);
            shop.add(code);
          }
          expect(shop.size).toBe(n);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("a reversed referral cannot complete again (no path leaves a final state)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...statuses), { maxLength: 12 }), (attempts) => {
        let status: ReferralStatus = "pending";
        let reversedOrRejected = false;
        for (const to of attempts) {
          if (canTransitionReferral(status, to)) {
            expect(reversedOrRejected).toBe(false);
            status = transitionReferral(status, to);
            if (status === "reversed" || status === "rejected") reversedOrRejected = true;
          } else {
            expect(() => transitionReferral(status, to)).toThrow(IllegalReferralTransitionError);
          }
        }
        if (status === "reversed") {
          expect(() => transitionReferral(status, "completed")).toThrow(IllegalReferralTransitionError);
        }
      }),
    );
  });

  it("the fraud score is within 0–100, zero exactly when there is no reason", () => {
    const hash = fc.constantFrom("a", "b", null);
    const fp = fc.record({
      ipHash: hash,
      userAgentHash: hash,
      at: fc.integer({ min: 0, max: 5 * 86_400_000 }).map((ms) => new Date(ms)),
    });
    const party = fc.record({
      customerId: fc.constantFrom(1, 2, null),
      emailHash: hash,
      shippingAddressHash: hash,
      fingerprints: fc.array(fp, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(party, party, fc.nat(3), fc.nat(30), (advocate, friend, prior, month) => {
        const result = assessReferralFraud({
          advocate: { ...advocate, customerId: advocate.customerId ?? 1 },
          friend,
          friendPriorPaidOrders: prior,
          advocateCompletedThisMonth: month,
        });
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        expect(result.score === 0).toBe(result.reasons.length === 0);
        expect(new Set(result.reasons).size).toBe(result.reasons.length);
      }),
    );
  });

  it("share links always decode back to the text and link", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (subject, text) => {
        const link = referralLink("https://shop.example.com", "ABC2DEF");
        const links = buildShareLinks(link, { subject, text });
        const inline = text ? `${text} ${link}` : link;
        expect(decodeURIComponent(links.sms.slice("sms:?body=".length))).toBe(inline);
        expect(decodeURIComponent(links.whatsapp.slice("https://wa.me/?text=".length))).toBe(inline);
        expect(links.email.split("&").length).toBe(2);
      }),
    );
  });
});
