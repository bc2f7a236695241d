/** Money is kept in integer minor units so totals add up exactly; Shopify shows decimal strings. */
export function toCents(value: string | number): number {
  const n = typeof value === "number" ? value : Number.parseFloat(value);
  if (!Number.isFinite(n)) throw new Error(`not an amount: ${String(value)}`);
  return Math.round(n * 100);
}

export function formatCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Shopify's REST/webhook `*_set` shape. */
export function moneySet(cents: number, currency: string) {
  const money = { amount: formatCents(cents), currency_code: currency };
  return { shop_money: money, presentment_money: { ...money } };
}

/** The GraphQL MoneyBag shape. */
export function moneyBag(cents: number, currency: string) {
  const money = { __typename: "MoneyV2", amount: formatCents(cents), currencyCode: currency };
  return { __typename: "MoneyBag", shopMoney: money, presentmentMoney: { ...money } };
}

export function moneyV2(cents: number, currency: string) {
  return { __typename: "MoneyV2", amount: formatCents(cents), currencyCode: currency };
}

/** Splits `total` over `weights` proportionally; the rounding remainder goes to the last share. */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  const rest = total - shares.reduce((a, b) => a + b, 0);
  if (shares.length > 0) shares[shares.length - 1] = (shares[shares.length - 1] ?? 0) + rest;
  return shares;
}
