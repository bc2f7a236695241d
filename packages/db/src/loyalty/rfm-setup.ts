import {
  DEFAULT_RFM_CONFIG,
  formatLocalDate,
  rfmConfigFromSettings,
  toLocalDate,
  type LocalDate,
  type RfmConfig,
} from "@loyalnest/domain";
import { eq } from "drizzle-orm";
import type { Executor } from "../client";
import { rfmSettings, shops } from "../schema";

/** What an RFM computation reads of a shop: its validated configuration and its time zone. */
export interface RfmSetup {
  config: RfmConfig;
  timeZone: string;
}

/**
 * The shop's RFM configuration (§11 defaults when it has no `rfm_settings` row), validated by the
 * domain, so a preset's bands win over the stored ones exactly as the domain defines.
 */
export async function loadRfmSetup(db: Executor, shopId: string): Promise<RfmSetup> {
  const [row] = await db
    .select({ timeZone: shops.timezone, settings: rfmSettings })
    .from(shops)
    .leftJoin(rfmSettings, eq(rfmSettings.shopId, shops.id))
    .where(eq(shops.id, shopId));
  if (!row) throw new Error(`shop ${shopId} does not exist`);
  return {
    config: row.settings ? rfmConfigFromSettings(row.settings) : DEFAULT_RFM_CONFIG,
    timeZone: row.timeZone,
  };
}

const dayNumber = (d: LocalDate) => Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;

/** The shop-local calendar day number (days since 1970-01-01) of an instant. */
export const localDayNumber = (instant: Date, timeZone: string) => dayNumber(toLocalDate(instant, timeZone));

/** "YYYY-MM-DD" of the shop-local day of an instant. */
export const localDayString = (instant: Date, timeZone: string) =>
  formatLocalDate(toLocalDate(instant, timeZone));

/**
 * The first instant whose shop-local day is `windowDays − 1` days before `asOf`'s, i.e. the start
 * of the window the domain counts ("fewer than N shop-calendar days old"). Found by bisection on
 * the domain's own calendar function rather than by wall-clock arithmetic, so DST gaps and
 * repeated midnights give exactly the boundary the domain uses; the SQL pass can then filter on
 * a plain timestamp range (index-friendly, no time-zone conversion per order).
 */
export function rfmWindowStart(asOf: Date, timeZone: string, windowDays: number | null): Date | null {
  if (windowDays === null) return null;
  const firstDay = localDayNumber(asOf, timeZone) - (windowDays - 1);
  // Every zone is within ±1 day of UTC, so the boundary lies inside this bracket.
  let lo = (firstDay - 2) * 86_400_000; // local day < firstDay here
  let hi = (firstDay + 2) * 86_400_000; // local day ≥ firstDay here
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDayNumber(new Date(mid), timeZone) >= firstDay) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}
