import { assertInteger } from "../money";

/** Per-shop expiry policy; `none` is the default. */
export type ExpiryPolicy =
  | { kind: "none" }
  | {
      kind: "inactivity";
      /** Days without earning or redeeming after which the available balance expires (e.g. 365). */
      inactivityDays: number;
      /** How long before expiry the warning goes out; default 30. */
      warningDaysBefore?: number;
    };

export const DEFAULT_EXPIRY_POLICY: ExpiryPolicy = { kind: "none" };
export const DEFAULT_EXPIRY_WARNING_DAYS = 30;

export function assertExpiryPolicy(policy: ExpiryPolicy): void {
  if (policy.kind === "none") return;
  assertInteger(policy.inactivityDays, "inactivityDays");
  if (policy.inactivityDays <= 0) throw new RangeError("inactivityDays must be positive");
  const warning = policy.warningDaysBefore ?? DEFAULT_EXPIRY_WARNING_DAYS;
  assertInteger(warning, "warningDaysBefore");
  if (warning < 0) throw new RangeError("warningDaysBefore must not be negative");
}
