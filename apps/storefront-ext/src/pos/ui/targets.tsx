import { useEffect, useMemo, useState } from "preact/hooks";
import type { CustomerRef } from "../controller";
import type { PosHost, WithAction } from "../host";
import { isConnected } from "../host";
import type { PosServices } from "../setup";
import { useSignalValue, useStore } from "./use-store";

/**
 * The small targets around the LoyalNest screen. None of them syncs the queue (the screens do):
 * two surfaces sending the same keys would be harmless, but the results belong on one screen.
 */

/** `pos.home.tile.render`: opens the home modal; says when the till is offline or has actions pending. */
export function HomeTile({ host, services }: { host: PosHost & WithAction; services: PosServices }) {
  const connectivity = useSignalValue(host.connectivity.current);
  const [pending, setPending] = useState(0);
  useEffect(() => {
    let live = true;
    const refresh = () =>
      services.queue.pending().then(
        (queued) => live && setPending(queued.length),
        () => undefined,
      );
    void refresh();
    const timer = setInterval(refresh, 5_000);
    const unsubscribe = host.connectivity.current.subscribe(() => void refresh());
    const unfollow = services.queue.onChange(() => void refresh());
    return () => {
      live = false;
      clearInterval(timer);
      unsubscribe();
      unfollow();
    };
  }, [services]);
  const online = isConnected(connectivity);
  const subheading =
    pending > 0
      ? online
        ? `${pending} offline action${pending === 1 ? "" : "s"} to sync — tap`
        : `Offline · ${pending} action${pending === 1 ? "" : "s"} pending`
      : online
        ? "Points and rewards"
        : "Offline · actions will be saved";
  return (
    <s-tile
      id="ln-tile"
      heading="LoyalNest"
      subheading={subheading}
      {...(pending > 0 ? { itemCount: pending } : {})}
      tone={pending > 0 ? "accent" : "neutral"}
      onClick={() => host.action.presentModal()}
    />
  );
}

/** `pos.customer-details.block.render`: the customer's balance and tier, and a way into the screen. */
export function CustomerBlock({
  host,
  services,
  customer,
}: {
  host: PosHost & WithAction;
  services: PosServices;
  customer: CustomerRef | null;
}) {
  const controller = useMemo(() => services.controller({ autoSync: false }), [services]);
  const state = useStore(controller);
  useEffect(() => {
    const stop = controller.start(customer);
    // The screens record and sync; this block follows the queue (and the balance it moves).
    const timer = setInterval(() => void controller.refreshQueue(), 5_000);
    const unfollow = services.queue.onChange(() => void controller.refresh());
    return () => {
      clearInterval(timer);
      unfollow();
      stop();
    };
  }, [controller]);
  const data = state.customer?.data;
  const pendingHere = data ? state.pending.filter((q) => q.action.customerId === data.customer.id).length : 0;
  return (
    <s-pos-block heading="LoyalNest">
      <s-stack direction="block" gap="small" padding="base">
        {state.lookup.phase === "loading" && <s-text>Looking up…</s-text>}
        {state.lookup.phase === "error" && <s-text tone="critical">{state.lookup.message}</s-text>}
        {data && (
          <s-stack direction="inline" gap="small">
            <s-text type="strong">{`${data.balance.available} points`}</s-text>
            {data.tier && <s-badge tone="info">{data.tier.name}</s-badge>}
            {state.customer?.cached && <s-badge tone="caution">Offline</s-badge>}
            {pendingHere > 0 && <s-badge tone="caution">{`${pendingHere} pending`}</s-badge>}
          </s-stack>
        )}
        <s-button onClick={() => host.action.presentModal()}>Rewards and points</s-button>
      </s-stack>
    </s-pos-block>
  );
}

/** `pos.purchase.post.action.menu-item.render`: the button on the post-purchase screen. */
export function PostPurchaseMenuItem({ host }: { host: WithAction }) {
  return <s-button onClick={() => host.action.presentModal()}>LoyalNest points</s-button>;
}
