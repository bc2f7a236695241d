import { describe, expect, it } from "vitest";
import type { HistoryEntry, Profile, Redemption, Reward } from "./api";
import { CATALOGS } from "./catalogs";
import { createFormatter, tierProgress } from "./format";
import { createTranslator } from "./i18n";
import type { Locale } from "./i18n";
import {
  historyLabel,
  rewardBlocker,
  rewardCost,
  signedPoints,
  tierSummary,
  visibleCodes,
} from "./view-model";

const tr = (locale: Locale) => createTranslator({ locale, catalogs: CATALOGS });
const DEFAULT_NAME = { singular: "point", plural: "points" };

describe("formatting", () => {
  it("names points in the shopper's language while the shop keeps the default name", () => {
    expect(createFormatter(tr("en"), "USD", DEFAULT_NAME).points(1)).toBe("1 point");
    expect(createFormatter(tr("es"), "USD", DEFAULT_NAME).points(1500)).toBe("1500 puntos");
    expect(createFormatter(tr("fr"), "USD", DEFAULT_NAME).points(1500)).toBe("1\u202f500 points");
  });
  it("uses the shop's own name for its points when it set one", () => {
    const fmt = createFormatter(tr("en"), "USD", { singular: "star", plural: "stars" });
    expect(fmt.points(1)).toBe("1 star");
    expect(fmt.points(2500)).toBe("2,500 stars");
  });
  it("formats integer minor units in the currency's own decimals", () => {
    expect(createFormatter(tr("en"), "USD", null).money(1234)).toBe("$12.34");
    expect(createFormatter(tr("en"), "USD", null).money(500, "JPY")).toBe("¥500");
    expect(createFormatter(tr("de"), "EUR", null).money(1050)).toBe("10,50\u00a0€");
  });
  it("formats dates for the locale and tolerates a bad one", () => {
    const fmt = createFormatter(tr("en"), "USD", null);
    expect(fmt.date("2026-03-05T12:00:00.000Z")).toBe("Mar 5, 2026");
    expect(fmt.date("not a date")).toBe("");
  });
  it("computes tier progress as a bounded percentage", () => {
    expect(tierProgress(1000, 250)).toBe(75);
    expect(tierProgress(1000, 1000)).toBe(0);
    expect(tierProgress(1000, -5)).toBe(100);
    expect(tierProgress(0, 0)).toBe(100);
  });
});

const reward = (over: Partial<Reward>): Reward => ({
  id: 1,
  name: "$5 off",
  type: "fixed_amount",
  pointsCost: 500,
  maxPoints: null,
  minOrderMinor: null,
  affordable: true,
  pointsMissing: 0,
  unavailableReasons: [],
  ...over,
});

describe("view model", () => {
  const t = tr("en");
  const fmt = createFormatter(t, "USD", DEFAULT_NAME);

  it("says what is missing for a reward the shopper cannot redeem", () => {
    expect(rewardBlocker(reward({}), t, fmt)).toBeNull();
    expect(
      rewardBlocker(
        reward({ affordable: false, pointsMissing: 120, unavailableReasons: ["insufficient_points"] }),
        t,
        fmt,
      ),
    ).toBe("You need another 120 points");
    expect(rewardBlocker(reward({ affordable: false, unavailableReasons: ["tier_too_low"] }), t, fmt)).toBe(
      "For a higher VIP tier",
    );
    const fr = tr("fr");
    expect(
      rewardBlocker(
        reward({ affordable: false, pointsMissing: 120, unavailableReasons: ["insufficient_points"] }),
        fr,
        createFormatter(fr, "USD", DEFAULT_NAME),
      ),
    ).toBe("Il vous manque 120 points");
  });

  it("shows a points-for-money reward's range", () => {
    expect(rewardCost(reward({}), fmt)).toBe("500 points");
    expect(rewardCost(reward({ type: "points_for_money", pointsCost: 100, maxPoints: 1200 }), fmt)).toBe(
      "100–1,200 points",
    );
  });

  it("summarises the tier and the way to the next", () => {
    const profile = {
      tier: { id: 1, name: "Silver", earnMultiplierBp: 10000, benefits: [] },
      nextTier: { id: 2, name: "Gold", threshold: 1000, remaining: 400, metric: "points_earned" },
    } as unknown as Profile;
    expect(tierSummary(profile, t, fmt, "USD")).toEqual({
      current: "Silver tier",
      next: "Earn another 400 points to reach Gold",
      percent: 60,
      label: "Progress to Gold",
    });
    const spend = {
      ...profile,
      nextTier: { ...profile.nextTier!, metric: "amount_spent", remaining: 5000 },
    } as Profile;
    expect(tierSummary(spend, t, fmt, "USD").next).toBe("Spend $50.00 more to reach Gold");
    expect(tierSummary({ ...profile, nextTier: null }, t, fmt, "USD").next).toBe(
      "You have reached the top tier",
    );
  });

  it("keeps the server's English history lines and translates the kind otherwise", () => {
    const entry = { kind: "earn", description: "Points for an order" } as HistoryEntry;
    expect(historyLabel(entry, t)).toBe("Points for an order");
    expect(historyLabel(entry, tr("de"))).toBe("Punkte erhalten");
    expect(signedPoints(-500, fmt)).toBe("\u2212500");
    expect(signedPoints(1200, fmt)).toBe("+1,200");
  });

  it("lists only codes the shopper can still see", () => {
    const r = (status: Redemption["status"], discountCode: string | null) =>
      ({ status, discountCode }) as Redemption;
    expect(
      visibleCodes([r("issued", "A"), r("used", "B"), r("released", null), r("reserved", null)]),
    ).toEqual([r("issued", "A"), r("used", "B")]);
  });
});
