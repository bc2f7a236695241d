import { useMemo } from "preact/hooks";
import { setUp } from "../ui-ext/setup";
import type { BaseHost } from "../ui-ext/setup";
import { ACCOUNT_CATALOGS } from "./catalogs";
import { LoyaltyPage } from "./ui/LoyaltyPage";
import { ProfileBlock } from "./ui/ProfileBlock";

/**
 * The loyalty-account extension's targets as Preact roots over the part of `shopify` they read.
 * Customer accounts expose no shop currency to extensions: amounts (tier spend, reward minimums)
 * are formatted in `settings.currency` when the merchant set one, else USD.
 */
export interface AccountHost extends BaseHost {
  settings?: { value: Record<string, unknown> };
  shop?: { name: string };
}

function currencyOf(host: AccountHost): string {
  const value = host.settings?.value.currency;
  return typeof value === "string" && /^[A-Z]{3}$/.test(value) ? value : "USD";
}

export function LoyaltyPageApp({ host }: { host: AccountHost }) {
  const setup = useMemo(() => setUp(host, "customer-account", ACCOUNT_CATALOGS, currencyOf(host)), [host]);
  return (
    <LoyaltyPage
      api={setup.api}
      words={setup.words}
      currency={setup.currency}
      shopName={host.shop?.name ?? ""}
    />
  );
}

export function ProfileBlockApp({ host }: { host: AccountHost }) {
  const setup = useMemo(() => setUp(host, "customer-account", ACCOUNT_CATALOGS, currencyOf(host)), [host]);
  return <ProfileBlock api={setup.api} words={setup.words} currency={setup.currency} />;
}
