import { bandScores } from "./bands";
import { compositeScoreX10 } from "./composite";
import { averageOrderValueMinor, computeRfmMetrics, type RfmOrder } from "./metrics";
import { buildQuintileModel, quintileScores, type QuintileModel } from "./quintile";
import { isBigSpender, rfmSegment } from "./segments";
import type { RfmConfig, RfmMetrics, RfmResult, RfmScores } from "./types";

/** Scores, composite, segment and flag from metrics already measured. */
export function rfmResultFromScores(metrics: RfmMetrics, scores: RfmScores, config: RfmConfig): RfmResult {
  return {
    ...metrics,
    ...scores,
    compositeX10: compositeScoreX10(scores, config.weights),
    segment: rfmSegment(scores, metrics.frequency > 0),
    bigSpender: isBigSpender(scores),
  };
}

/** What scoring needs beyond one customer's metrics: the shop's AOV (bands) or the nightly model (quintile). */
export interface RfmShopContext {
  aovMinor: number;
  /** Required in quintile mode. */
  quintileModel?: QuintileModel | null;
}

/** Scores one customer's metrics with the shop's mode. */
export function scoreRfmMetrics(metrics: RfmMetrics, config: RfmConfig, shop: RfmShopContext): RfmResult {
  if (config.mode === "quintile") {
    if (!shop.quintileModel) throw new RangeError("quintile mode needs the shop's quintile model");
    return rfmResultFromScores(metrics, quintileScores(metrics, shop.quintileModel), config);
  }
  return rfmResultFromScores(metrics, bandScores(metrics, config.bands, shop.aovMinor), config);
}

/**
 * §11 "Recomputed for one customer on each paid order or refund": that customer's orders, scored
 * against the shop context of the last nightly pass (its AOV, or its quintile cut points).
 */
export function evaluateCustomerRfm(input: {
  orders: readonly RfmOrder[];
  asOf: Date;
  timeZone: string;
  config: RfmConfig;
  shop: RfmShopContext;
}): RfmResult {
  const metrics = computeRfmMetrics(input.orders, input.asOf, input.timeZone, input.config.windowDays);
  return scoreRfmMetrics(metrics, input.config, input.shop);
}

/**
 * The whole shop at once (the reference for the nightly SQL pass): measures every customer,
 * derives the AOV from all their orders and, in quintile mode, the model, then scores everyone.
 */
export function evaluateShopRfm<Id>(input: {
  customers: readonly { customerId: Id; orders: readonly RfmOrder[] }[];
  asOf: Date;
  timeZone: string;
  config: RfmConfig;
}): { results: { customerId: Id; result: RfmResult }[]; shop: RfmShopContext } {
  const { asOf, timeZone, config } = input;
  const measured = input.customers.map((c) => ({
    customerId: c.customerId,
    metrics: computeRfmMetrics(c.orders, asOf, timeZone, config.windowDays),
  }));
  const shop: RfmShopContext = {
    aovMinor: averageOrderValueMinor(
      input.customers.flatMap((c) => c.orders),
      asOf,
      timeZone,
      config.windowDays,
    ),
    quintileModel: config.mode === "quintile" ? buildQuintileModel(measured.map((m) => m.metrics)) : null,
  };
  return {
    results: measured.map((m) => ({
      customerId: m.customerId,
      result: scoreRfmMetrics(m.metrics, config, shop),
    })),
    shop,
  };
}
