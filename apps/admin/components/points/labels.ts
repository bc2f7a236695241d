import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@loyalnest/api";
import { formatBasisPoints, formatMoney, formatNumber } from "../../lib/format";
import { formatMultiplier } from "./form-utils";

type Outputs = inferRouterOutputs<AppRouter>["admin"];
export type Settings = Outputs["settings"]["get"];
export type EarningRule = Outputs["earningRules"]["list"]["items"][number];
export type RuleSettings = EarningRule["settings"];
export type RuleKind = EarningRule["kind"];
export type Reward = Outputs["rewards"]["get"];
export type RewardType = Reward["type"];
export type Tier = Outputs["tiers"]["list"]["tiers"][number];
export type TierMetric = Outputs["tiers"]["list"]["metric"];
export type TierWindow = Outputs["tiers"]["list"]["window"];

export const RULE_KINDS: RuleKind[] = ["purchase", "signup", "birthday", "newsletter", "review", "social"];

const RULE_TITLES: Record<Exclude<RuleKind, "social">, string> = {
  purchase: "Place an order",
  signup: "Create an account",
  birthday: "Celebrate a birthday",
  newsletter: "Sign up for the newsletter",
  review: "Write a product review",
};

const RULE_DESCRIPTIONS: Record<RuleKind, string> = {
  purchase: "Points for every paid order, online and in store, on the order's subtotal after discounts.",
  signup: "Once per customer, when they create an account.",
  birthday: "Once a year on their birthday, in your store's time zone.",
  newsletter: "Once, when they subscribe to your marketing emails.",
  review: "For each approved product review, from your review app.",
  social: "Once per network, when they follow your store.",
};

/** "Instagram" from "instagram"; "X" stays "X". */
export function networkLabel(network: string): string {
  return network.charAt(0).toUpperCase() + network.slice(1);
}

export function ruleTitle(kind: RuleKind, network: string | null): string {
  if (kind === "social") return network ? `Follow on ${networkLabel(network)}` : "Follow on social media";
  return RULE_TITLES[kind];
}

export function ruleDescription(kind: RuleKind): string {
  return RULE_DESCRIPTIONS[kind];
}

/** The points name for a count: "1 point", "250 points" (the shop's own names). */
export function pointsText(
  count: number,
  settings: Pick<Settings, "pointsNameSingular" | "pointsNamePlural">,
) {
  return `${formatNumber(count)} ${count === 1 ? settings.pointsNameSingular : settings.pointsNamePlural}`;
}

/** The earn rate: "10 points per $1.00 spent". */
export function earnRateText(settings: Settings): string {
  return `${pointsText(settings.earnPoints, settings)} per ${formatMoney(settings.earnPerMinor, settings.currency)} spent`;
}

/** One line saying what a rule awards. */
export function ruleSummary(settings: RuleSettings, shop: Settings): string {
  switch (settings.kind) {
    case "purchase": {
      const parts = [earnRateText(shop)];
      if (settings.filters.minOrderMinor !== null)
        parts.push(`orders from ${formatMoney(settings.filters.minOrderMinor, shop.currency)}`);
      if (settings.filters.channels.length === 1)
        parts.push(settings.filters.channels[0] === "pos" ? "in store only" : "online only");
      return parts.join(" · ");
    }
    case "review":
      return `${pointsText(settings.points, shop)} per review, up to ${formatNumber(settings.monthlyLimit)} a month`;
    default:
      return pointsText(settings.points, shop);
  }
}

export const REWARD_TYPES: { value: RewardType; label: string; helpText: string }[] = [
  {
    value: "fixed_amount",
    label: "Amount off",
    helpText: "A discount code for a fixed amount off the order.",
  },
  {
    value: "percentage",
    label: "Percentage off",
    helpText: "A discount code for a percentage off the order.",
  },
  {
    value: "free_shipping",
    label: "Free shipping",
    helpText: "A discount code for free shipping, up to a shipping rate you choose.",
  },
  {
    value: "free_product",
    label: "Free product",
    helpText: "A discount code that makes one product variant free.",
  },
  {
    value: "store_credit",
    label: "Store credit",
    helpText: "Credit added to the customer's Shopify store credit account.",
  },
  {
    value: "points_for_money",
    label: "Points for money",
    helpText:
      "The customer chooses how many points to turn into a discount, in steps, between a minimum and a maximum.",
  },
];

export function rewardTypeLabel(type: RewardType): string {
  return REWARD_TYPES.find((t) => t.value === type)?.label ?? type;
}

/** What the reward costs: "500 points" or "100 points per step (500–5,000)". */
export function rewardCostText(reward: Reward, shop: Settings): string {
  if (reward.pointsForMoney) {
    const p = reward.pointsForMoney;
    return `${pointsText(p.stepPoints, shop)} per step (${formatNumber(p.minPoints)}–${formatNumber(p.maxPoints)})`;
  }
  return reward.pointsCost === null ? "—" : pointsText(reward.pointsCost, shop);
}

/** What the customer gets: "$5.00 off", "10% off", "Free shipping up to $10.00", … */
export function rewardValueText(reward: Reward, shopCurrency: string): string {
  const currency = reward.currency ?? shopCurrency;
  switch (reward.type) {
    case "fixed_amount":
      return reward.valueMinor === null ? "Amount off" : `${formatMoney(reward.valueMinor, currency)} off`;
    case "store_credit":
      return reward.valueMinor === null
        ? "Store credit"
        : `${formatMoney(reward.valueMinor, currency)} store credit`;
    case "percentage":
      return reward.percentBp === null ? "Percentage off" : `${formatBasisPoints(reward.percentBp)} off`;
    case "free_shipping":
      return reward.maxShippingMinor === null
        ? "Free shipping, any rate"
        : `Free shipping up to ${formatMoney(reward.maxShippingMinor, shopCurrency)}`;
    case "free_product":
      return reward.productVariantId
        ? `Free variant ${reward.productVariantId.replace("gid://shopify/ProductVariant/", "#")}`
        : "Free product";
    case "points_for_money":
      return reward.pointsForMoney
        ? `${formatMoney(reward.pointsForMoney.stepValueMinor, currency)} off per step`
        : "Points for money";
  }
}

export const TIER_METRICS: { value: TierMetric; label: string; helpText: string }[] = [
  { value: "points_earned", label: "Points earned", helpText: "Thresholds are in points earned." },
  { value: "amount_spent", label: "Amount spent", helpText: "Thresholds are in money spent." },
];

export const TIER_WINDOWS: { value: TierWindow; label: string }[] = [
  { value: "lifetime", label: "Since they joined" },
  { value: "rolling_12_months", label: "In the last 12 months" },
  { value: "calendar_year", label: "This calendar year" },
];

export { formatMultiplier };
