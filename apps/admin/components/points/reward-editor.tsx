"use client";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  ChoiceList,
  FormLayout,
  InlineStack,
  Layout,
  Modal,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { httpStatusOf } from "../../lib/api-errors";
import { formatMoney, formatNumber } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { AdminPage } from "../admin-page";
import { AdminEmptyState } from "../empty-state";
import { ErrorBanner } from "../error-banner";
import { SaveBar } from "../save-bar";
import { PageSkeleton } from "../skeletons";
import { useToast } from "../toast";
import {
  bpToPercentInput,
  currencySymbol,
  fieldErrorsOf,
  inputToInt,
  inputToMinor,
  minorToInput,
  percentInputToBp,
} from "./form-utils";
import {
  REWARD_TYPES,
  pointsText,
  rewardTypeLabel,
  type Reward,
  type RewardType,
  type Settings,
  type Tier,
} from "./labels";

type Channel = Reward["channels"][number];

interface Draft {
  type: RewardType;
  name: string;
  active: boolean;
  pointsCost: string;
  value: string;
  maxShipping: string;
  percent: string;
  variantId: string;
  stepPoints: string;
  stepValue: string;
  minPoints: string;
  maxPoints: string;
  currencyValues: { currency: string; amount: string }[];
  minOrder: string;
  codeExpiryDays: string;
  combinesOrder: boolean;
  combinesProduct: boolean;
  combinesShipping: boolean;
  perCustomerLimit: string;
  minTierId: string;
  channels: Channel[];
}

const HAS_COST: RewardType[] = [
  "fixed_amount",
  "store_credit",
  "percentage",
  "free_shipping",
  "free_product",
];
const HAS_CURRENCY_VALUES: RewardType[] = ["fixed_amount", "store_credit", "points_for_money"];

function newDraft(type: RewardType): Draft {
  return {
    type,
    name: "",
    active: true,
    pointsCost: "",
    value: "",
    maxShipping: "",
    percent: "",
    variantId: "",
    stepPoints: "100",
    stepValue: "",
    minPoints: "",
    maxPoints: "",
    currencyValues: [],
    minOrder: "",
    codeExpiryDays: "30",
    combinesOrder: false,
    combinesProduct: false,
    combinesShipping: true,
    perCustomerLimit: "",
    minTierId: "",
    channels: ["online", "pos"],
  };
}

function draftOf(r: Reward, shopCurrency: string): Draft {
  const currency = r.currency ?? shopCurrency;
  return {
    type: r.type,
    name: r.name,
    active: r.active,
    pointsCost: r.pointsCost === null ? "" : String(r.pointsCost),
    value: minorToInput(r.valueMinor, currency),
    maxShipping: minorToInput(r.maxShippingMinor, shopCurrency),
    percent: bpToPercentInput(r.percentBp),
    variantId: r.productVariantId?.replace("gid://shopify/ProductVariant/", "") ?? "",
    stepPoints: r.pointsForMoney ? String(r.pointsForMoney.stepPoints) : "",
    stepValue: minorToInput(r.pointsForMoney?.stepValueMinor ?? null, currency),
    minPoints: r.pointsForMoney ? String(r.pointsForMoney.minPoints) : "",
    maxPoints: r.pointsForMoney ? String(r.pointsForMoney.maxPoints) : "",
    currencyValues: Object.entries(r.valuesByCurrency ?? {}).map(([code, minor]) => ({
      currency: code,
      amount: minorToInput(minor, code),
    })),
    minOrder: minorToInput(r.minOrderMinor, shopCurrency),
    codeExpiryDays: String(r.codeExpiryDays),
    combinesOrder: r.combinesWith.orderDiscounts,
    combinesProduct: r.combinesWith.productDiscounts,
    combinesShipping: r.combinesWith.shippingDiscounts,
    perCustomerLimit: r.perCustomerLimit === null ? "" : String(r.perCustomerLimit),
    minTierId: r.minTierId === null ? "" : String(r.minTierId),
    channels: r.channels,
  };
}

const isWhole = (text: string, min: number, max: number) => {
  const n = inputToInt(text);
  return n !== null && !Number.isNaN(n) && n >= min && n <= max;
};
const isMoney = (text: string, currency: string) => {
  const n = inputToMinor(text, currency);
  return n !== null && !Number.isNaN(n) && n >= 1 && n <= 2_147_483_647;
};

function validate(d: Draft, currency: string): Record<string, string> {
  const e: Record<string, string> = {};
  const money = `Enter an amount, e.g. ${minorToInput(500, currency)}.`;
  if (!d.name.trim()) e.name = "Enter the name customers see, e.g. $5 off.";
  if (HAS_COST.includes(d.type) && !isWhole(d.pointsCost, 1, 1_000_000))
    e.pointsCost = "Enter a whole number of points from 1 to 1,000,000.";
  if ((d.type === "fixed_amount" || d.type === "store_credit") && !isMoney(d.value, currency))
    e.valueMinor = money;
  if (d.type === "free_shipping" && d.maxShipping.trim() && !isMoney(d.maxShipping, currency))
    e.maxShippingMinor = `${money} Leave empty to cover any shipping rate.`;
  if (d.type === "percentage") {
    const bp = percentInputToBp(d.percent);
    if (bp === null || Number.isNaN(bp) || bp < 1 || bp > 10_000)
      e.percentBp = "Enter a percentage from 0.01 to 100.";
  }
  if (d.type === "free_product" && !/^(gid:\/\/shopify\/ProductVariant\/)?\d{1,20}$/.test(d.variantId.trim()))
    e.productVariantId =
      "Enter the variant's ID: the number after /variants/ in the variant's address in Shopify admin.";
  if (d.type === "points_for_money") {
    if (!isWhole(d.stepPoints, 1, 1_000_000))
      e["pointsForMoney.stepPoints"] = "Enter a whole number of points.";
    if (!isMoney(d.stepValue, currency)) e["pointsForMoney.stepValueMinor"] = money;
    if (!isWhole(d.minPoints, 1, 10_000_000))
      e["pointsForMoney.minPoints"] = "Enter a whole number of points.";
    if (!isWhole(d.maxPoints, 1, 10_000_000))
      e["pointsForMoney.maxPoints"] = "Enter a whole number of points.";
    const [step, min, max] = [inputToInt(d.stepPoints), inputToInt(d.minPoints), inputToInt(d.maxPoints)];
    if (!e["pointsForMoney.maxPoints"] && min !== null && max !== null && max < min)
      e["pointsForMoney.maxPoints"] = "The maximum must be at least the minimum.";
    else if (!e["pointsForMoney.minPoints"] && step && min && min % step !== 0)
      e["pointsForMoney.minPoints"] = "The minimum must be a whole number of steps.";
    else if (!e["pointsForMoney.maxPoints"] && step && max && max % step !== 0)
      e["pointsForMoney.maxPoints"] = "The maximum must be a whole number of steps.";
  }
  if (HAS_CURRENCY_VALUES.includes(d.type)) {
    const seen = new Set<string>();
    d.currencyValues.forEach((row, index) => {
      const code = row.currency.trim().toUpperCase();
      if (!/^[A-Z]{3}$/.test(code)) e[`currency.${index}`] = "Enter a currency code like EUR.";
      else if (seen.has(code)) e[`currency.${index}`] = `${code} is listed twice.`;
      else if (!isMoney(row.amount, code)) e[`amount.${index}`] = "Enter an amount.";
      seen.add(code);
    });
  }
  if (d.minOrder.trim()) {
    const n = inputToMinor(d.minOrder, currency);
    if (n === null || Number.isNaN(n)) e.minOrderMinor = `${money} Leave empty for no minimum.`;
  }
  if (d.type !== "store_credit" && !isWhole(d.codeExpiryDays, 1, 3650))
    e.codeExpiryDays = "Enter a number of days from 1 to 3,650.";
  if (d.perCustomerLimit.trim() && !isWhole(d.perCustomerLimit, 1, 10_000))
    e.perCustomerLimit = "Enter a number from 1 to 10,000, or leave empty for no limit.";
  if (d.channels.length === 0) e.channels = "Choose at least one channel.";
  return e;
}

/** The API's fields for the draft: the common ones and only those of the reward's type. */
function payloadOf(d: Draft, currency: string) {
  const t = d.type;
  const values = Object.fromEntries(
    d.currencyValues.map((row) => {
      const code = row.currency.trim().toUpperCase();
      return [code, inputToMinor(row.amount, code)!];
    }),
  );
  return {
    name: d.name.trim(),
    ...(HAS_COST.includes(t) ? { pointsCost: inputToInt(d.pointsCost)! } : {}),
    ...(t === "fixed_amount" || t === "store_credit" ? { valueMinor: inputToMinor(d.value, currency)! } : {}),
    ...(t === "free_shipping" ? { maxShippingMinor: inputToMinor(d.maxShipping, currency) } : {}),
    ...(t === "percentage" ? { percentBp: percentInputToBp(d.percent)! } : {}),
    ...(t === "free_product" ? { productVariantId: d.variantId.trim() } : {}),
    ...(t === "points_for_money"
      ? {
          pointsForMoney: {
            stepPoints: inputToInt(d.stepPoints)!,
            stepValueMinor: inputToMinor(d.stepValue, currency)!,
            minPoints: inputToInt(d.minPoints)!,
            maxPoints: inputToInt(d.maxPoints)!,
          },
        }
      : {}),
    ...(HAS_CURRENCY_VALUES.includes(t)
      ? { valuesByCurrency: Object.keys(values).length > 0 ? values : null }
      : {}),
    minOrderMinor: inputToMinor(d.minOrder, currency),
    ...(t !== "store_credit"
      ? {
          codeExpiryDays: inputToInt(d.codeExpiryDays)!,
          combinesWith: {
            orderDiscounts: d.combinesOrder,
            productDiscounts: d.combinesProduct,
            shippingDiscounts: d.combinesShipping,
          },
        }
      : {}),
    perCustomerLimit: d.perCustomerLimit.trim() ? inputToInt(d.perCustomerLimit)! : null,
    minTierId: d.minTierId ? Number(d.minTierId) : null,
    channels: d.channels,
    active: d.active,
  };
}

/** Create a reward (`rewardId` null) or edit / archive one, with the fields of its type. */
export function RewardEditor({ rewardId }: { rewardId: number | null }) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.admin.settings.get.queryOptions());
  const tiers = useQuery(trpc.admin.tiers.list.queryOptions());
  const reward = useQuery({
    ...trpc.admin.rewards.get.queryOptions({ rewardId: rewardId ?? 1 }),
    enabled: rewardId !== null && rewardId > 0,
  });
  const title = rewardId === null ? "Add reward" : "Reward";
  const back = { content: "Points", url: "/points" };
  const notFound =
    rewardId === 0 ||
    (reward.isError && httpStatusOf(reward.error) !== null && httpStatusOf(reward.error)! < 500);

  if (notFound)
    return (
      <AdminPage title={title} backAction={back}>
        <AdminEmptyState
          heading="This reward doesn't exist"
          action={{ content: "Back to Points", url: "/points" }}
        >
          <p>
            It may belong to another store, or the link is wrong. Your rewards are listed on the Points page.
          </p>
        </AdminEmptyState>
      </AdminPage>
    );
  const error = settings.error ?? tiers.error ?? (rewardId !== null ? reward.error : null);
  if (error)
    return (
      <AdminPage title={title} backAction={back}>
        <ErrorBanner
          error={error}
          onRetry={() => {
            void settings.refetch();
            void tiers.refetch();
            if (rewardId !== null) void reward.refetch();
          }}
          context="this reward"
        />
      </AdminPage>
    );
  if (!settings.data || !tiers.data || (rewardId !== null && !reward.data))
    return <PageSkeleton title={title} cards={3} />;
  const existing = rewardId !== null ? (reward.data ?? null) : null;
  return (
    <RewardForm
      key={existing?.updatedAt ?? "new"}
      reward={existing}
      settings={settings.data}
      tiers={tiers.data.tiers.filter((t) => t.active)}
    />
  );
}

function RewardForm({
  reward,
  settings,
  tiers,
}: {
  reward: Reward | null;
  settings: Settings;
  tiers: Tier[];
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const router = useRouter();
  const currency = settings.currency;
  const initial = reward ? draftOf(reward, currency) : newDraft("fixed_amount");
  const [draft, setDraft] = useState(initial);
  const [showErrors, setShowErrors] = useState(false);
  const [confirmArchive, setConfirmArchive] = useState(false);
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  const archived = reward?.archivedAt !== null && reward?.archivedAt !== undefined;

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.rewards.pathKey() });
  const create = useMutation(
    trpc.admin.rewards.create.mutationOptions({
      onSuccess: async (created) => {
        await refresh();
        toast(`${created.name} created`);
        router.replace(`/points/rewards/${created.id}`);
      },
    }),
  );
  const update = useMutation(
    trpc.admin.rewards.update.mutationOptions({
      onSuccess: async (result) => {
        queryClient.setQueryData(
          trpc.admin.rewards.get.queryKey({ rewardId: result.reward.id }),
          result.reward,
        );
        await refresh();
        toast(result.changed ? `${result.reward.name} saved` : "No changes to save");
      },
    }),
  );
  const archive = useMutation(
    trpc.admin.rewards.archive.mutationOptions({
      onSuccess: async (archivedReward) => {
        await refresh();
        setConfirmArchive(false);
        toast(`${archivedReward.name} archived`);
        router.push("/points");
      },
    }),
  );
  const mutationError = create.error ?? update.error;
  const local = validate(draft, currency);
  const server = fieldErrorsOf(mutationError).fields;
  const errorOf = (field: string) => (showErrors ? local[field] : undefined) ?? server[field];
  const saving = create.isPending || update.isPending;

  const save = () => {
    setShowErrors(true);
    if (Object.keys(local).length > 0) return;
    const payload = payloadOf(draft, currency);
    if (reward) update.mutate({ rewardId: reward.id, ...payload });
    else create.mutate({ type: draft.type, ...payload });
  };
  const discard = () => {
    setDraft(initial);
    setShowErrors(false);
    create.reset();
    update.reset();
  };

  const symbol = currencySymbol(currency);
  const moneyField = (
    label: string,
    key: "value" | "maxShipping" | "stepValue" | "minOrder",
    field: string,
    helpText?: string,
  ) => (
    <TextField
      label={label}
      type="text"
      inputMode="decimal"
      prefix={symbol}
      value={draft[key]}
      onChange={set(key)}
      autoComplete="off"
      helpText={helpText}
      error={errorOf(field)}
      disabled={archived}
    />
  );
  const pointsField = (
    label: string,
    key: "pointsCost" | "stepPoints" | "minPoints" | "maxPoints",
    field: string,
    helpText?: string,
  ) => (
    <TextField
      label={label}
      type="number"
      min={1}
      value={draft[key]}
      onChange={set(key)}
      autoComplete="off"
      suffix={settings.pointsNamePlural}
      helpText={helpText}
      error={errorOf(field)}
      disabled={archived}
    />
  );

  const t = draft.type;
  const title = reward ? reward.name : "Add reward";
  return (
    <AdminPage
      title={title}
      backAction={{ content: "Points", url: "/points" }}
      titleMetadata={
        reward ? (
          archived ? (
            <Badge>Archived</Badge>
          ) : reward.active ? (
            <Badge tone="success">Active</Badge>
          ) : (
            <Badge tone="attention">Off</Badge>
          )
        ) : undefined
      }
      subtitle={reward ? rewardTypeLabel(reward.type) : "Something customers can spend their points on"}
      primaryAction={
        archived
          ? undefined
          : { content: "Save", onAction: save, loading: saving, disabled: reward !== null && !dirty }
      }
      secondaryActions={
        reward && !archived
          ? [{ content: "Archive", destructive: true, onAction: () => setConfirmArchive(true) }]
          : []
      }
    >
      {archived ? null : <SaveBar open={dirty} onSave={save} onDiscard={discard} saving={saving} />}
      <Layout>
        <Layout.Section>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              save();
            }}
          >
            <BlockStack gap="400">
              {archived ? (
                <Banner tone="info" title="This reward is archived">
                  <p>
                    It is no longer in the catalogue and can't be edited. Codes already issued stay valid. To
                    offer it again, add a new reward.
                  </p>
                </Banner>
              ) : null}
              {mutationError ? <ErrorBanner error={mutationError} /> : null}
              {reward ? null : (
                <Card>
                  <ChoiceList
                    title="Reward type"
                    choices={REWARD_TYPES.map((type) => ({
                      value: type.value,
                      label: type.label,
                      helpText: type.helpText,
                    }))}
                    selected={[t]}
                    onChange={(selected) =>
                      setDraft((d) => ({
                        ...newDraft(selected[0] as RewardType),
                        name: d.name,
                        active: d.active,
                      }))
                    }
                  />
                </Card>
              )}
              <Card>
                <FormLayout>
                  <TextField
                    label="Name"
                    value={draft.name}
                    onChange={set("name")}
                    autoComplete="off"
                    maxLength={120}
                    helpText="What customers see in the rewards widget."
                    error={errorOf("name")}
                    disabled={archived}
                  />
                  {t === "fixed_amount" || t === "store_credit" ? (
                    <FormLayout.Group>
                      {pointsField("Points cost", "pointsCost", "pointsCost")}
                      {moneyField(
                        t === "store_credit" ? "Store credit" : "Amount off",
                        "value",
                        "valueMinor",
                      )}
                    </FormLayout.Group>
                  ) : null}
                  {t === "percentage" ? (
                    <FormLayout.Group>
                      {pointsField("Points cost", "pointsCost", "pointsCost")}
                      <TextField
                        label="Discount percentage"
                        type="text"
                        inputMode="decimal"
                        suffix="%"
                        value={draft.percent}
                        onChange={set("percent")}
                        autoComplete="off"
                        error={errorOf("percentBp")}
                        disabled={archived}
                      />
                    </FormLayout.Group>
                  ) : null}
                  {t === "free_shipping" ? (
                    <FormLayout.Group>
                      {pointsField("Points cost", "pointsCost", "pointsCost")}
                      {moneyField(
                        "Highest shipping rate covered",
                        "maxShipping",
                        "maxShippingMinor",
                        "Leave empty to cover any shipping rate.",
                      )}
                    </FormLayout.Group>
                  ) : null}
                  {t === "free_product" ? (
                    <FormLayout.Group>
                      {pointsField("Points cost", "pointsCost", "pointsCost")}
                      <TextField
                        label="Product variant ID"
                        value={draft.variantId}
                        onChange={set("variantId")}
                        autoComplete="off"
                        helpText="The number after /variants/ in the variant's address in Shopify admin."
                        error={errorOf("productVariantId")}
                        disabled={archived}
                      />
                    </FormLayout.Group>
                  ) : null}
                  {t === "points_for_money" ? (
                    <>
                      <FormLayout.Group>
                        {pointsField("Each step costs", "stepPoints", "pointsForMoney.stepPoints")}
                        {moneyField("Each step is worth", "stepValue", "pointsForMoney.stepValueMinor")}
                      </FormLayout.Group>
                      <FormLayout.Group>
                        {pointsField(
                          "Fewest points per redemption",
                          "minPoints",
                          "pointsForMoney.minPoints",
                          "A whole number of steps.",
                        )}
                        {pointsField(
                          "Most points per redemption",
                          "maxPoints",
                          "pointsForMoney.maxPoints",
                          "A whole number of steps.",
                        )}
                      </FormLayout.Group>
                    </>
                  ) : null}
                  <Checkbox
                    label="Active"
                    helpText="Inactive rewards stay in the catalogue but customers can't redeem them."
                    checked={draft.active}
                    onChange={set("active")}
                    disabled={archived}
                  />
                </FormLayout>
              </Card>
              {HAS_CURRENCY_VALUES.includes(t) ? (
                <CurrencyValues
                  draft={draft}
                  setDraft={setDraft}
                  errorOf={errorOf}
                  shopCurrency={currency}
                  disabled={archived}
                />
              ) : null}
              <Card>
                <BlockStack gap="400">
                  <Text as="h2" variant="headingMd">
                    Conditions
                  </Text>
                  <FormLayout>
                    <FormLayout.Group>
                      {moneyField(
                        "Minimum order",
                        "minOrder",
                        "minOrderMinor",
                        "Leave empty for no minimum.",
                      )}
                      <TextField
                        label="Times each customer can redeem"
                        type="number"
                        min={1}
                        value={draft.perCustomerLimit}
                        onChange={set("perCustomerLimit")}
                        autoComplete="off"
                        helpText="Leave empty for no limit."
                        error={errorOf("perCustomerLimit")}
                        disabled={archived}
                      />
                    </FormLayout.Group>
                    <Select
                      label="Who can redeem"
                      options={[
                        { value: "", label: "Every member" },
                        ...tiers.map((tier) => ({
                          value: String(tier.id),
                          label: `${tier.name} tier and above`,
                        })),
                      ]}
                      value={draft.minTierId}
                      onChange={set("minTierId")}
                      error={errorOf("minTierId")}
                      disabled={archived}
                    />
                    <ChoiceList
                      allowMultiple
                      title="Sales channels"
                      choices={[
                        { label: "Online store", value: "online" },
                        { label: "Point of Sale", value: "pos" },
                        { label: "Other channels", value: "other" },
                      ]}
                      selected={draft.channels}
                      onChange={(selected) => set("channels")(selected as Channel[])}
                      error={errorOf("channels")}
                      disabled={archived}
                    />
                  </FormLayout>
                </BlockStack>
              </Card>
              {t !== "store_credit" ? (
                <Card>
                  <BlockStack gap="400">
                    <Text as="h2" variant="headingMd">
                      Discount code
                    </Text>
                    <FormLayout>
                      <TextField
                        label="Code expires after"
                        type="number"
                        min={1}
                        max={3650}
                        suffix="days"
                        value={draft.codeExpiryDays}
                        onChange={set("codeExpiryDays")}
                        autoComplete="off"
                        helpText="An unused code is then deleted and its points are returned, if your settings say so."
                        error={errorOf("codeExpiryDays")}
                        disabled={archived}
                      />
                      <ChoiceList
                        allowMultiple
                        title="Combines with"
                        choices={[
                          { label: "Order discounts", value: "order" },
                          { label: "Product discounts", value: "product" },
                          { label: "Shipping discounts", value: "shipping" },
                        ]}
                        selected={[
                          ...(draft.combinesOrder ? ["order"] : []),
                          ...(draft.combinesProduct ? ["product"] : []),
                          ...(draft.combinesShipping ? ["shipping"] : []),
                        ]}
                        onChange={(selected) =>
                          setDraft((d) => ({
                            ...d,
                            combinesOrder: selected.includes("order"),
                            combinesProduct: selected.includes("product"),
                            combinesShipping: selected.includes("shipping"),
                          }))
                        }
                        disabled={archived}
                      />
                    </FormLayout>
                  </BlockStack>
                </Card>
              ) : null}
            </BlockStack>
          </form>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Summary
              </Text>
              <Box data-testid="reward-summary">
                <Text as="p">{summaryOf(draft, settings)}</Text>
              </Box>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
      {reward ? (
        <Modal
          open={confirmArchive}
          onClose={() => setConfirmArchive(false)}
          title={`Archive ${reward.name}?`}
          primaryAction={{
            content: "Archive reward",
            destructive: true,
            loading: archive.isPending,
            onAction: () => archive.mutate({ rewardId: reward.id }),
          }}
          secondaryActions={[{ content: "Cancel", onAction: () => setConfirmArchive(false) }]}
        >
          <Modal.Section>
            <BlockStack gap="200">
              {archive.isError ? <ErrorBanner error={archive.error} /> : null}
              <Text as="p">
                Customers can no longer redeem it, and it can't be edited or brought back. Codes already
                issued stay valid until they expire.
              </Text>
            </BlockStack>
          </Modal.Section>
        </Modal>
      ) : null}
    </AdminPage>
  );
}

/** One sentence: what the customer pays and gets, from the form as it stands. */
function summaryOf(d: Draft, s: Settings): string {
  const currency = s.currency;
  const cost = inputToInt(d.pointsCost);
  const pays = cost && !Number.isNaN(cost) ? pointsText(cost, s) : `some ${s.pointsNamePlural}`;
  const money = (text: string) => {
    const minor = inputToMinor(text, currency);
    return minor !== null && !Number.isNaN(minor) ? formatMoney(minor, currency) : null;
  };
  switch (d.type) {
    case "fixed_amount":
      return `Customers spend ${pays} for ${money(d.value) ?? "an amount"} off their order.`;
    case "store_credit":
      return `Customers spend ${pays} for ${money(d.value) ?? "an amount"} of store credit.`;
    case "percentage": {
      const bp = percentInputToBp(d.percent);
      return `Customers spend ${pays} for ${bp && !Number.isNaN(bp) ? `${formatNumber(bp / 100)}%` : "a percentage"} off their order.`;
    }
    case "free_shipping":
      return `Customers spend ${pays} for free shipping${money(d.maxShipping) ? ` on rates up to ${money(d.maxShipping)}` : ""}.`;
    case "free_product":
      return `Customers spend ${pays} for a free product.`;
    case "points_for_money": {
      const step = inputToInt(d.stepPoints);
      const value = money(d.stepValue);
      const min = inputToInt(d.minPoints);
      const max = inputToInt(d.maxPoints);
      if (!step || Number.isNaN(step) || !value) return "Customers turn points into a discount, in steps.";
      const range =
        min && max && !Number.isNaN(min) && !Number.isNaN(max)
          ? `, from ${pointsText(min, s)} to ${pointsText(max, s)} at a time`
          : "";
      return `Every ${pointsText(step, s)} is worth ${value} off${range}.`;
    }
  }
}

function CurrencyValues({
  draft,
  setDraft,
  errorOf,
  shopCurrency,
  disabled,
}: {
  draft: Draft;
  setDraft: (update: (d: Draft) => Draft) => void;
  errorOf: (field: string) => string | undefined;
  shopCurrency: string;
  disabled: boolean;
}) {
  const setRow = (index: number, patch: Partial<Draft["currencyValues"][number]>) =>
    setDraft((d) => ({
      ...d,
      currencyValues: d.currencyValues.map((row, i) => (i === index ? { ...row, ...patch } : row)),
    }));
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            Values in other currencies
          </Text>
          <Text as="p" tone="subdued">
            Optional round values for customers who shop in another currency. Otherwise the {shopCurrency}{" "}
            value is converted at the order&apos;s exchange rate.
          </Text>
        </BlockStack>
        {draft.currencyValues.map((row, index) => (
          <InlineStack key={index} gap="200" blockAlign="start" wrap={false}>
            <Box width="96px">
              <TextField
                label="Currency"
                value={row.currency}
                onChange={(value) => setRow(index, { currency: value.toUpperCase() })}
                autoComplete="off"
                maxLength={3}
                error={errorOf(`currency.${index}`) ?? errorOf(`valuesByCurrency.${row.currency}`)}
                disabled={disabled}
              />
            </Box>
            <Box minWidth="0" width="100%">
              <TextField
                label={draft.type === "points_for_money" ? "Each step is worth" : "Value"}
                type="text"
                inputMode="decimal"
                value={row.amount}
                onChange={(value) => setRow(index, { amount: value })}
                autoComplete="off"
                error={errorOf(`amount.${index}`)}
                disabled={disabled}
              />
            </Box>
            <Box paddingBlockStart="600">
              <Button
                variant="tertiary"
                tone="critical"
                accessibilityLabel={`Remove the ${row.currency || "new"} value`}
                onClick={() =>
                  setDraft((d) => ({ ...d, currencyValues: d.currencyValues.filter((_, i) => i !== index) }))
                }
                disabled={disabled}
              >
                Remove
              </Button>
            </Box>
          </InlineStack>
        ))}
        {disabled || draft.currencyValues.length >= 50 ? null : (
          <InlineStack>
            <Button
              onClick={() =>
                setDraft((d) => ({
                  ...d,
                  currencyValues: [...d.currencyValues, { currency: "", amount: "" }],
                }))
              }
            >
              Add a currency
            </Button>
          </InlineStack>
        )}
      </BlockStack>
    </Card>
  );
}
