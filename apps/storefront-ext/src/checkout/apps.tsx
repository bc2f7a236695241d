import { useMemo } from "preact/hooks";
import { setUp } from "../ui-ext/setup";
import type { BaseHost } from "../ui-ext/setup";
import type { SignalLike } from "../ui-ext/signals";
import { useSignalValue } from "../ui-ext/signals";
import { CHECKOUT_CATALOGS } from "./catalogs";
import type { CheckoutDiscountHost } from "./host";
import type { OrderAnchor } from "./order-points";
import { OrderPointsBlock } from "./ui/OrderPoints";
import { RedeemBlock } from "./ui/RedeemBlock";

/**
 * The loyalty-checkout extension's three targets as Preact roots over plain host interfaces (the
 * parts of `shopify` each target reads); `extensions/loyalty-checkout/src/*.tsx` pass `shopify`.
 */
export interface ThankYouHost extends BaseHost {
  shop: { name: string };
  orderConfirmation: SignalLike<{ order: { id: string }; number?: string }>;
}

export interface OrderStatusHost extends BaseHost {
  shop?: { name: string };
  order: SignalLike<{ id: string; name: string; processedAt?: string } | undefined>;
}

export type CheckoutHost = BaseHost & CheckoutDiscountHost;

export function ThankYouApp({ host }: { host: ThankYouHost }) {
  const setup = useMemo(() => setUp(host, "checkout", CHECKOUT_CATALOGS), [host]);
  // The order was paid a moment ago: its points are matched against when this block first rendered.
  const anchor = useMemo<OrderAnchor>(() => ({ kind: "thank-you", renderedAt: new Date() }), []);
  return <OrderPointsBlock api={setup.api} anchor={anchor} words={setup.words} shopName={host.shop.name} />;
}

export function OrderStatusApp({ host }: { host: OrderStatusHost }) {
  const setup = useMemo(() => setUp(host, "customer-account", CHECKOUT_CATALOGS), [host]);
  const order = useSignalValue(host.order);
  const processedAt = order?.processedAt;
  const anchor = useMemo<OrderAnchor | null>(
    () => (processedAt ? { kind: "order-status", processedAt: new Date(processedAt) } : null),
    [processedAt],
  );
  if (!anchor) return null;
  return (
    <OrderPointsBlock api={setup.api} anchor={anchor} words={setup.words} shopName={host.shop?.name ?? ""} />
  );
}

export function CheckoutApp({ host }: { host: CheckoutHost }) {
  const setup = useMemo(() => setUp(host, "checkout", CHECKOUT_CATALOGS), [host]);
  return <RedeemBlock api={setup.api} host={host} words={setup.words} />;
}
