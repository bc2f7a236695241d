/**
 * Money is an integer number of minor units (cents) with an ISO 4217 currency code; points are
 * integers. Rates and multipliers are exact: basis points (10000 = ×1) or integer ratios, and all
 * products are computed with BigInt so no binary floating point ever touches an amount.
 */
export interface Money {
  amountMinor: number;
  currency: string;
}

/** 10000 basis points = ×1. */
export const BP_ONE = 10_000;

export function assertInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer, got ${value}`);
}

/** floor(numerator / denominator) for non-negative BigInts, returned as a safe number. */
export function floorDiv(numerator: bigint, denominator: bigint): number {
  if (denominator <= 0n) throw new RangeError("denominator must be positive");
  const q = numerator >= 0n ? numerator / denominator : -((-numerator + denominator - 1n) / denominator);
  return Number(q);
}

/** floor(value × bp / 10000), exactly. */
export const applyBp = (value: number, bp: number) => floorDiv(BigInt(value) * BigInt(bp), BigInt(BP_ONE));
