import { useEffect, useState } from "preact/hooks";
import type { PosReward } from "../api";
import type { CustomerRef, PosController, PosState } from "../controller";
import { describeAction, describeResult } from "../messages";
import { useStore } from "./use-store";

/**
 * The LoyalNest screen (home modal, customer-details and post-purchase modals): look the customer
 * up, balance and tier, rewards to redeem (into the cart where there is one), points to award, and
 * the offline queue — pending actions while POS is Disconnected, per-action results after the sync.
 * POS web components only (`s-*`); all behaviour is in the controller.
 */
export interface LoyaltyAppProps {
  controller: PosController;
  initialCustomer: CustomerRef | null;
  /** Shown under the heading, e.g. the order this post-purchase screen is about. */
  subheading?: string;
  /** Whether the screen has a cart to put redeemed codes in. */
  hasCart: boolean;
}

const time = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
};
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function LoyaltyApp({ controller, initialCustomer, subheading, hasCart }: LoyaltyAppProps) {
  const state = useStore(controller);
  useEffect(() => controller.start(initialCustomer), [controller]);

  return (
    <s-page heading="LoyalNest" subheading={subheading ?? "Points and rewards"}>
      <s-scroll-box>
        <s-stack direction="block" gap="base" padding="base">
          <Connectivity state={state} />
          {state.notice && (
            <s-banner
              id="ln-notice"
              tone={state.notice.tone === "warning" ? "warning" : state.notice.tone}
              heading={state.notice.text}
            />
          )}
          <Customer controller={controller} state={state} />
          {state.customer && <Rewards controller={controller} state={state} hasCart={hasCart} />}
          {state.customer && <Award controller={controller} state={state} />}
          <Pending controller={controller} state={state} />
          <Results state={state} />
        </s-stack>
      </s-scroll-box>
    </s-page>
  );
}

function Connectivity({ state }: { state: PosState }) {
  if (state.connected)
    return (
      <s-stack direction="inline" gap="small">
        <s-badge id="ln-connectivity" tone="success">
          Online
        </s-badge>
        {state.syncing && <s-text>Syncing offline actions…</s-text>}
      </s-stack>
    );
  return (
    <s-banner id="ln-connectivity" tone="warning" heading="Offline">
      <s-text>Earn and redeem actions are saved on this device and sync when POS is back online.</s-text>
    </s-banner>
  );
}

function Customer({ controller, state }: { controller: PosController; state: PosState }) {
  const [email, setEmail] = useState("");
  const customer = state.customer;
  if (!customer)
    return (
      <s-section heading="Customer">
        <s-stack direction="block" gap="small">
          <s-email-field
            label="Customer e-mail"
            value={email}
            onInput={(event) => setEmail(event.currentTarget.value ?? "")}
          />
          <s-button
            variant="primary"
            loading={state.lookup.phase === "loading"}
            disabled={email.trim() === "" || state.lookup.phase === "loading"}
            onClick={() => void controller.lookup({ email: email.trim() })}
          >
            Look up
          </s-button>
          {state.lookup.phase === "error" && <s-text tone="critical">{state.lookup.message}</s-text>}
        </s-stack>
      </s-section>
    );
  const { data } = customer;
  const projected = controller.projectedBalance();
  const pendingHere = state.pending.filter((q) => q.action.customerId === data.customer.id).length;
  return (
    <s-section heading={data.customer.firstName ?? "Customer"}>
      <s-stack direction="block" gap="small">
        <s-stack direction="inline" gap="small">
          <s-text type="strong" id="ln-balance">
            {`${data.balance.available} points`}
          </s-text>
          {data.tier && <s-badge tone="info">{data.tier.name}</s-badge>}
          {data.customer.status !== "member" && (
            <s-badge tone="warning">
              {data.customer.status === "excluded" ? "Excluded" : "Not a member"}
            </s-badge>
          )}
        </s-stack>
        {data.balance.pending > 0 && (
          <s-text color="subdued">{`${data.balance.pending} points pending from recent orders`}</s-text>
        )}
        {customer.cached && (
          <s-text tone="caution" id="ln-cached">{`Offline: balance as of ${time(customer.asOf)}`}</s-text>
        )}
        {pendingHere > 0 && projected !== null && (
          <s-text id="ln-projected" tone={projected < 0 ? "critical" : "auto"}>
            {`After ${plural(pendingHere, "pending action")}: ${projected} points${projected < 0 ? " — some may be refused at sync" : ""}`}
          </s-text>
        )}
        <s-button variant="secondary" onClick={() => controller.clearCustomer()}>
          Change customer
        </s-button>
      </s-stack>
    </s-section>
  );
}

/** Offline, a reward the last answer judged unaffordable may still be recorded: the sync decides. */
function canRecord(reward: PosReward, connected: boolean) {
  if (connected) return reward.redeemable;
  return reward.unavailableReasons.every((r) => r === "insufficient_points");
}

function Rewards({
  controller,
  state,
  hasCart,
}: {
  controller: PosController;
  state: PosState;
  hasCart: boolean;
}) {
  const rewards = state.customer!.data.rewards;
  const projected = controller.projectedBalance() ?? 0;
  return (
    <s-section heading="Rewards">
      <s-stack direction="block" gap="small">
        {rewards.length === 0 && <s-text color="subdued">No rewards are offered at the POS.</s-text>}
        {rewards.map((reward) => (
          <s-stack key={reward.id} direction="inline" gap="small" alignItems="center">
            <s-text type="strong">{reward.name}</s-text>
            <s-text>{`${reward.pointsCost} points`}</s-text>
            {!state.connected && projected < reward.pointsCost && (
              <s-badge tone="caution">May be refused at sync</s-badge>
            )}
            {state.connected && !reward.redeemable && (
              <s-text color="subdued">{reward.unavailableReasons.join(", ").replace(/_/g, " ")}</s-text>
            )}
            <s-button
              disabled={state.busy !== null || !canRecord(reward, state.connected)}
              loading={state.busy === `redeem:${reward.id}`}
              onClick={() =>
                void controller.redeem(
                  reward,
                  reward.type === "points_for_money" ? reward.pointsCost : undefined,
                )
              }
            >
              {state.connected
                ? hasCart
                  ? `Redeem ${reward.name} into cart`
                  : `Redeem ${reward.name}`
                : `Redeem ${reward.name} offline`}
            </s-button>
          </s-stack>
        ))}
        {state.lastCode && <s-text id="ln-last-code">{`Last code: ${state.lastCode}`}</s-text>}
      </s-stack>
    </s-section>
  );
}

function Award({ controller, state }: { controller: PosController; state: PosState }) {
  const [points, setPoints] = useState("");
  const [reason, setReason] = useState("");
  return (
    <s-section heading="Award points">
      <s-stack direction="block" gap="small">
        <s-number-field
          label="Points"
          value={points}
          min={1}
          max={100000}
          onInput={(event) => setPoints(event.currentTarget.value ?? "")}
        />
        <s-text-field
          label="Reason"
          value={reason}
          maxLength={200}
          onInput={(event) => setReason(event.currentTarget.value ?? "")}
        />
        <s-button
          variant="primary"
          disabled={state.busy !== null || points === "" || reason.trim() === ""}
          loading={state.busy === "award"}
          onClick={async () => {
            await controller.award(Number(points), reason);
            const notice = controller.getState().notice;
            if (notice?.tone !== "warning" && notice?.tone !== "critical") {
              setPoints("");
              setReason("");
            }
          }}
        >
          {state.connected ? "Award points" : "Award points offline"}
        </s-button>
      </s-stack>
    </s-section>
  );
}

function Pending({ controller, state }: { controller: PosController; state: PosState }) {
  if (state.pending.length === 0 && !state.syncError) return null;
  return (
    <s-section heading={`Pending offline actions (${state.pending.length})`} id="ln-pending">
      <s-stack direction="block" gap="small">
        {state.pending.map((queued) => (
          <s-stack key={queued.action.key} direction="inline" gap="small">
            <s-badge tone="caution">Pending</s-badge>
            <s-text>{describeAction(queued)}</s-text>
            <s-text color="subdued">{`recorded ${time(queued.action.recordedAt)}`}</s-text>
          </s-stack>
        ))}
        {state.syncError && (
          <s-text tone="critical" id="ln-sync-error">
            {state.syncError}
          </s-text>
        )}
        {state.pending.length > 0 && (
          <s-button
            disabled={!state.connected || state.syncing}
            loading={state.syncing}
            onClick={() => void controller.sync()}
          >
            Sync now
          </s-button>
        )}
      </s-stack>
    </s-section>
  );
}

function Results({ state }: { state: PosState }) {
  if (state.results.length === 0) return null;
  return (
    <s-section heading="Last synced actions" id="ln-results">
      <s-stack direction="block" gap="small">
        {state.results.map((entry) => {
          const view = describeResult(entry.result);
          return (
            <s-stack key={entry.key} direction="inline" gap="small">
              <s-badge tone={view.tone}>{view.label}</s-badge>
              <s-text>{describeAction(entry)}</s-text>
              {view.detail && <s-text color="subdued">{view.detail}</s-text>}
            </s-stack>
          );
        })}
      </s-stack>
    </s-section>
  );
}
