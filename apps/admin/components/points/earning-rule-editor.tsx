"use client";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Card,
  Checkbox,
  ChoiceList,
  DataTable,
  FormLayout,
  InlineStack,
  Layout,
  Pagination,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { describeApiError } from "../../lib/api-errors";
import { formatMoney, formatNumber } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { AdminPage } from "../admin-page";
import { AdminEmptyState } from "../empty-state";
import { ErrorBanner } from "../error-banner";
import { SaveBar } from "../save-bar";
import { CardSkeleton, PageSkeleton } from "../skeletons";
import { useToast } from "../toast";
import {
  currencySymbol,
  fieldErrorsOf,
  formatDateTime,
  inputToInt,
  inputToMinor,
  minorToInput,
  splitList,
} from "./form-utils";
import {
  RULE_KINDS,
  pointsText,
  ruleDescription,
  ruleTitle,
  type EarningRule,
  type RuleKind,
  type RuleSettings,
  type Settings,
} from "./labels";

type Channel = "online" | "pos";

interface Draft {
  kind: RuleKind;
  network: string;
  active: boolean;
  points: string;
  monthlyLimit: string;
  // purchase: the programme's earn rate and inclusions…
  earnPoints: string;
  earnPer: string;
  includeShipping: boolean;
  includeTaxes: boolean;
  includeTips: boolean;
  includeGiftCards: boolean;
  perOrderCap: string;
  // …and the rule's filters
  minOrder: string;
  productTags: string;
  collectionIds: string;
  excludedCustomerTags: string;
  channels: Channel[];
}

const DEFAULT_POINTS: Record<Exclude<RuleKind, "purchase">, number> = {
  signup: 200,
  birthday: 200,
  newsletter: 100,
  review: 100,
  social: 50,
};

function draftOf(kind: RuleKind, rule: EarningRule | null, s: Settings): Draft {
  const settings = rule?.settings;
  const filters = settings?.kind === "purchase" ? settings.filters : null;
  return {
    kind,
    network: rule?.network ?? "",
    active: rule?.active ?? true,
    points:
      settings && settings.kind !== "purchase"
        ? String(settings.points)
        : kind === "purchase"
          ? ""
          : String(DEFAULT_POINTS[kind]),
    monthlyLimit: settings?.kind === "review" ? String(settings.monthlyLimit) : "5",
    earnPoints: String(s.earnPoints),
    earnPer: minorToInput(s.earnPerMinor, s.currency),
    includeShipping: s.includeShipping,
    includeTaxes: s.includeTaxes,
    includeTips: s.includeTips,
    includeGiftCards: s.includeGiftCards,
    perOrderCap: s.perOrderPointsCap === null ? "" : String(s.perOrderPointsCap),
    minOrder: minorToInput(filters?.minOrderMinor ?? null, s.currency),
    productTags: (filters?.productTags ?? []).join(", "),
    collectionIds: (filters?.collectionIds ?? []).join(", "),
    excludedCustomerTags: (filters?.excludedCustomerTags ?? []).join(", "),
    channels: filters?.channels ?? ["online", "pos"],
  };
}

const SETTINGS_KEYS = [
  "earnPoints",
  "earnPer",
  "includeShipping",
  "includeTaxes",
  "includeTips",
  "includeGiftCards",
  "perOrderCap",
] as const;

function validate(d: Draft, currency: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const whole = (text: string, min: number, max: number) => {
    const n = inputToInt(text);
    return n !== null && !Number.isNaN(n) && n >= min && n <= max;
  };
  if (d.kind === "social" && !/^[a-z0-9_.-]{1,40}$/.test(d.network.trim().toLowerCase()))
    errors.network = "Enter the network's name, e.g. instagram (letters, digits, . _ -).";
  if (d.kind !== "purchase" && !whole(d.points, 1, 1_000_000))
    errors.points = "Enter a whole number of points from 1 to 1,000,000.";
  if (d.kind === "review" && !whole(d.monthlyLimit, 1, 100))
    errors.monthlyLimit = "Enter a number of reviews from 1 to 100.";
  if (d.kind === "purchase") {
    if (!whole(d.earnPoints, 0, 100_000))
      errors.earnPoints = "Enter a whole number of points from 0 to 100,000.";
    const per = inputToMinor(d.earnPer, currency);
    if (per === null || Number.isNaN(per) || per < 1 || per > 1_000_000)
      errors.earnPerMinor = `Enter an amount from ${formatMoney(1, currency)} to ${formatMoney(1_000_000, currency)}.`;
    if (d.perOrderCap.trim() && !whole(d.perOrderCap, 1, 10_000_000))
      errors.perOrderPointsCap = "Enter a whole number of points, or leave empty for no cap.";
    const min = inputToMinor(d.minOrder, currency);
    if (min !== null && Number.isNaN(min))
      errors.minOrderMinor = "Enter an amount, or leave empty for any order.";
    if (d.channels.length === 0) errors.channels = "Choose at least one channel.";
    for (const id of splitList(d.collectionIds))
      if (!/^(gid:\/\/shopify\/Collection\/)?\d{1,20}$/.test(id))
        errors.collectionIds = `“${id}” is not a collection ID: use numbers like 123456789.`;
  }
  return errors;
}

function ruleSettingsOf(d: Draft, currency: string): RuleSettings {
  switch (d.kind) {
    case "purchase":
      return {
        kind: "purchase",
        filters: {
          minOrderMinor: inputToMinor(d.minOrder, currency),
          productTags: splitList(d.productTags),
          collectionIds: splitList(d.collectionIds),
          excludedCustomerTags: splitList(d.excludedCustomerTags),
          channels: d.channels,
        },
      };
    case "review":
      return { kind: "review", points: inputToInt(d.points)!, monthlyLimit: inputToInt(d.monthlyLimit)! };
    default:
      return { kind: d.kind, points: inputToInt(d.points)! };
  }
}

/** A server error's message for a field, whichever input path it names. */
function serverError(fields: Record<string, string>, field: string): string | undefined {
  return fields[field] ?? fields[`settings.${field}`] ?? fields[`settings.filters.${field}`];
}

/** Edit an earning rule (a new version on save) and see its version history; or create one (`ruleId` null). */
export function EarningRuleEditor({ ruleId }: { ruleId: number | null }) {
  const trpc = useTRPC();
  const rules = useQuery(trpc.admin.earningRules.list.queryOptions());
  const settings = useQuery(trpc.admin.settings.get.queryOptions());
  const title = ruleId === null ? "Add a way to earn" : "Way to earn";
  const back = [{ content: "Points", url: "/points" }];

  if (rules.isPending || settings.isPending) return <PageSkeleton title={title} cards={2} />;
  if (rules.isError || settings.isError)
    return (
      <AdminPage title={title} backAction={back[0]}>
        <ErrorBanner
          error={rules.error ?? settings.error}
          onRetry={() => {
            void rules.refetch();
            void settings.refetch();
          }}
          context="this way to earn"
        />
      </AdminPage>
    );
  if (ruleId === null) return <RuleForm rule={null} rules={rules.data.items} settings={settings.data} />;
  const rule = rules.data.items.find((r) => r.id === ruleId);
  if (!rule)
    return (
      <AdminPage title={title} backAction={back[0]}>
        <AdminEmptyState
          heading="This way to earn doesn't exist"
          action={{ content: "Back to Points", url: "/points" }}
        >
          <p>
            It may belong to another store, or the link is wrong. Your ways to earn are listed on the Points
            page.
          </p>
        </AdminEmptyState>
      </AdminPage>
    );
  return <RuleForm key={rule.currentVersion} rule={rule} rules={rules.data.items} settings={settings.data} />;
}

function RuleForm({
  rule,
  rules,
  settings,
}: {
  rule: EarningRule | null;
  rules: EarningRule[];
  settings: Settings;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const router = useRouter();
  const isNew = rule === null;
  const taken = new Set(rules.filter((r) => r.kind !== "social").map((r) => r.kind));
  const available = RULE_KINDS.filter((kind) => kind === "social" || !taken.has(kind));
  const initial = draftOf(rule?.kind ?? available[0] ?? "social", rule, settings);
  const [draft, setDraft] = useState(initial);
  const [showErrors, setShowErrors] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  const currency = settings.currency;

  const updateSettings = useMutation(trpc.admin.settings.update.mutationOptions());
  const updateRule = useMutation(trpc.admin.earningRules.update.mutationOptions());
  const createRule = useMutation(trpc.admin.earningRules.create.mutationOptions());
  const setActive = useMutation(
    trpc.admin.earningRules.setActive.mutationOptions({
      onSuccess: (r) => {
        void queryClient.invalidateQueries({ queryKey: trpc.admin.earningRules.pathKey() });
        toast(`${ruleTitle(r.kind, r.network)} turned ${r.active ? "on" : "off"}`);
      },
      onError: (error) => toast(describeApiError(error).title, { error: true }),
    }),
  );

  const local = validate(draft, currency);
  const server = fieldErrorsOf(saveError).fields;
  const errorOf = (field: string) => (showErrors ? local[field] : undefined) ?? serverError(server, field);
  const settingsDirty = draft.kind === "purchase" && SETTINGS_KEYS.some((key) => draft[key] !== initial[key]);

  const save = async () => {
    setShowErrors(true);
    if (Object.keys(local).length > 0) return;
    setSaving(true);
    setSaveError(null);
    try {
      if (settingsDirty) {
        const cap = inputToInt(draft.perOrderCap);
        const result = await updateSettings.mutateAsync({
          expectedConfigVersion: settings.configVersion,
          earnPoints: inputToInt(draft.earnPoints)!,
          earnPerMinor: inputToMinor(draft.earnPer, currency)!,
          includeShipping: draft.includeShipping,
          includeTaxes: draft.includeTaxes,
          includeTips: draft.includeTips,
          includeGiftCards: draft.includeGiftCards,
          perOrderPointsCap: cap,
        });
        queryClient.setQueryData(trpc.admin.settings.get.queryKey(), result.settings);
      }
      const ruleSettings = ruleSettingsOf(draft, currency);
      if (isNew) {
        const created = await createRule.mutateAsync({
          settings: ruleSettings,
          active: draft.active,
          ...(draft.kind === "social" ? { network: draft.network.trim().toLowerCase() } : {}),
        });
        await queryClient.invalidateQueries({ queryKey: trpc.admin.earningRules.pathKey() });
        toast(`${ruleTitle(created.kind, created.network)} added`);
        router.replace(`/points/earning/${created.id}`);
        return;
      }
      const rulePart = (({ network: _n, active: _a, ...rest }: Draft) => rest)(draft);
      const rulePartInitial = (({ network: _n, active: _a, ...rest }: Draft) => rest)(initial);
      const filtersOrPointsDirty =
        JSON.stringify({ ...rulePart, ...Object.fromEntries(SETTINGS_KEYS.map((k) => [k, null])) }) !==
        JSON.stringify({ ...rulePartInitial, ...Object.fromEntries(SETTINGS_KEYS.map((k) => [k, null])) });
      let version = rule.currentVersion;
      if (filtersOrPointsDirty) {
        const result = await updateRule.mutateAsync({ ruleId: rule.id, settings: ruleSettings });
        version = result.rule.currentVersion;
      }
      await queryClient.invalidateQueries({ queryKey: trpc.admin.earningRules.pathKey() });
      toast(
        filtersOrPointsDirty
          ? `${ruleTitle(rule.kind, rule.network)} saved as version ${version}`
          : "Earn rate saved",
      );
    } catch (error) {
      setSaveError(error);
    } finally {
      setSaving(false);
    }
  };
  const discard = () => {
    setDraft(initial);
    setShowErrors(false);
    setSaveError(null);
  };

  const title = isNew ? "Add a way to earn" : ruleTitle(rule.kind, rule.network);
  if (isNew && available.length === 0)
    return (
      <AdminPage title={title} backAction={{ content: "Points", url: "/points" }}>
        <AdminEmptyState
          heading="Every way to earn is set up"
          action={{ content: "Back to Points", url: "/points" }}
        >
          <p>Edit an existing way to earn from the Points page.</p>
        </AdminEmptyState>
      </AdminPage>
    );

  return (
    <AdminPage
      title={title}
      backAction={{ content: "Points", url: "/points" }}
      titleMetadata={rule ? rule.active ? <Badge tone="success">On</Badge> : <Badge>Off</Badge> : undefined}
      subtitle={isNew ? "Choose what customers do to earn points" : ruleDescription(rule.kind)}
      primaryAction={{
        content: "Save",
        onAction: () => void save(),
        loading: saving,
        disabled: !dirty && !isNew,
      }}
      secondaryActions={
        rule
          ? [
              {
                content: rule.active ? "Turn off" : "Turn on",
                loading: setActive.isPending,
                onAction: () => setActive.mutate({ ruleId: rule.id, active: !rule.active }),
              },
            ]
          : []
      }
    >
      <SaveBar open={dirty} onSave={() => void save()} onDiscard={discard} saving={saving} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {saveError ? <ErrorBanner error={saveError} /> : null}
            <form
              onSubmit={(event) => {
                event.preventDefault();
                void save();
              }}
            >
              <BlockStack gap="400">
                <Card>
                  <FormLayout>
                    {isNew ? (
                      <Select
                        label="Customers earn points when they"
                        options={available.map((kind) => ({
                          value: kind,
                          label: kind === "social" ? "Follow you on social media" : ruleTitle(kind, null),
                        }))}
                        value={draft.kind}
                        onChange={(kind) => setDraft(draftOf(kind as RuleKind, null, settings))}
                        helpText={ruleDescription(draft.kind)}
                      />
                    ) : null}
                    {isNew && draft.kind === "social" ? (
                      <TextField
                        label="Network"
                        value={draft.network}
                        onChange={set("network")}
                        autoComplete="off"
                        helpText="The network's name, e.g. instagram, tiktok, facebook. One rule per network."
                        error={errorOf("network")}
                      />
                    ) : null}
                    {draft.kind === "purchase" ? (
                      <PurchaseRate
                        draft={draft}
                        set={set}
                        currency={currency}
                        errorOf={errorOf}
                        settings={settings}
                      />
                    ) : (
                      <FormLayout.Group>
                        <TextField
                          label={draft.kind === "review" ? "Points per review" : "Points awarded"}
                          type="number"
                          min={1}
                          max={1_000_000}
                          value={draft.points}
                          onChange={set("points")}
                          autoComplete="off"
                          suffix={settings.pointsNamePlural}
                          error={errorOf("points")}
                        />
                        {draft.kind === "review" ? (
                          <TextField
                            label="Reviews rewarded per month"
                            type="number"
                            min={1}
                            max={100}
                            value={draft.monthlyLimit}
                            onChange={set("monthlyLimit")}
                            autoComplete="off"
                            helpText="Per customer, per calendar month in your store's time zone."
                            error={errorOf("monthlyLimit")}
                          />
                        ) : null}
                      </FormLayout.Group>
                    )}
                    {isNew ? (
                      <Checkbox
                        label="Turn on now"
                        helpText="Customers start earning as soon as you save."
                        checked={draft.active}
                        onChange={set("active")}
                      />
                    ) : null}
                  </FormLayout>
                </Card>
                {draft.kind === "purchase" ? (
                  <PurchaseFilters draft={draft} set={set} currency={currency} errorOf={errorOf} />
                ) : null}
              </BlockStack>
            </form>
            {rule ? <VersionHistory rule={rule} settings={settings} /> : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </AdminPage>
  );
}

type Setter = <K extends keyof Draft>(key: K) => (value: Draft[K]) => void;

function PurchaseRate({
  draft,
  set,
  currency,
  errorOf,
  settings,
}: {
  draft: Draft;
  set: Setter;
  currency: string;
  errorOf: (field: string) => string | undefined;
  settings: Settings;
}) {
  return (
    <BlockStack gap="400">
      <FormLayout.Group condensed>
        <TextField
          label="Customers earn"
          type="number"
          min={0}
          max={100_000}
          value={draft.earnPoints}
          onChange={set("earnPoints")}
          autoComplete="off"
          suffix={settings.pointsNamePlural}
          error={errorOf("earnPoints")}
        />
        <TextField
          label="For every"
          type="text"
          inputMode="decimal"
          value={draft.earnPer}
          onChange={set("earnPer")}
          autoComplete="off"
          prefix={currencySymbol(currency)}
          suffix="spent"
          error={errorOf("earnPerMinor")}
        />
      </FormLayout.Group>
      <ChoiceList
        allowMultiple
        title="Count towards points"
        choices={[
          { label: "Shipping", value: "includeShipping" },
          { label: "Taxes", value: "includeTaxes" },
          { label: "Tips", value: "includeTips" },
          { label: "Gift cards bought", value: "includeGiftCards" },
        ]}
        selected={(["includeShipping", "includeTaxes", "includeTips", "includeGiftCards"] as const).filter(
          (key) => draft[key],
        )}
        onChange={(selected) => {
          set("includeShipping")(selected.includes("includeShipping"));
          set("includeTaxes")(selected.includes("includeTaxes"));
          set("includeTips")(selected.includes("includeTips"));
          set("includeGiftCards")(selected.includes("includeGiftCards"));
        }}
      />
      <TextField
        label="Most points per order"
        type="number"
        min={1}
        value={draft.perOrderCap}
        onChange={set("perOrderCap")}
        autoComplete="off"
        suffix={settings.pointsNamePlural}
        helpText="Applied after tier and campaign multipliers. Leave empty for no cap."
        error={errorOf("perOrderPointsCap")}
      />
    </BlockStack>
  );
}

function PurchaseFilters({
  draft,
  set,
  currency,
  errorOf,
}: {
  draft: Draft;
  set: Setter;
  currency: string;
  errorOf: (field: string) => string | undefined;
}) {
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            Which orders earn
          </Text>
          <Text as="p" tone="subdued">
            Saved with the rule: a change becomes its next version.
          </Text>
        </BlockStack>
        <FormLayout>
          <TextField
            label="Minimum order"
            type="text"
            inputMode="decimal"
            value={draft.minOrder}
            onChange={set("minOrder")}
            autoComplete="off"
            prefix={currencySymbol(currency)}
            helpText="Orders below this (after discounts) earn nothing. Leave empty for any order."
            error={errorOf("minOrderMinor")}
          />
          <ChoiceList
            allowMultiple
            title="Sales channels"
            choices={[
              { label: "Online store", value: "online" },
              { label: "Point of Sale", value: "pos" },
            ]}
            selected={draft.channels}
            onChange={(selected) => set("channels")(selected as Channel[])}
            error={errorOf("channels")}
          />
          <TextField
            label="Leave out products tagged"
            value={draft.productTags}
            onChange={set("productTags")}
            autoComplete="off"
            helpText="Product tags, separated by commas. These products don't count towards points."
            error={errorOf("productTags")}
          />
          <TextField
            label="Leave out collections"
            value={draft.collectionIds}
            onChange={set("collectionIds")}
            autoComplete="off"
            helpText="Collection IDs, separated by commas (the number at the end of the collection's address in Shopify admin)."
            error={errorOf("collectionIds")}
          />
          <TextField
            label="Customers who don't earn"
            value={draft.excludedCustomerTags}
            onChange={set("excludedCustomerTags")}
            autoComplete="off"
            helpText="Customer tags, separated by commas, e.g. wholesale, staff."
            error={errorOf("excludedCustomerTags")}
          />
        </FormLayout>
      </BlockStack>
    </Card>
  );
}

/** What a version awarded, in words (the earn rate is a programme setting, not part of a version). */
function versionSummary(settings: RuleSettings, shop: Settings): string {
  if (settings.kind === "purchase") {
    const f = settings.filters;
    const parts: string[] = [];
    parts.push(
      f.minOrderMinor === null ? "Any order" : `Orders from ${formatMoney(f.minOrderMinor, shop.currency)}`,
    );
    parts.push(
      f.channels.length === 2
        ? "online and in store"
        : f.channels[0] === "pos"
          ? "in store only"
          : "online only",
    );
    if (f.productTags.length) parts.push(`products tagged ${f.productTags.join(", ")} left out`);
    if (f.collectionIds.length) parts.push(`${formatNumber(f.collectionIds.length)} collections left out`);
    if (f.excludedCustomerTags.length)
      parts.push(`customers tagged ${f.excludedCustomerTags.join(", ")} don't earn`);
    return parts.join("; ");
  }
  if (settings.kind === "review")
    return `${pointsText(settings.points, shop)} per review, up to ${formatNumber(settings.monthlyLimit)} a month`;
  return pointsText(settings.points, shop);
}

const HISTORY_PAGE = 10;

function VersionHistory({ rule, settings }: { rule: EarningRule; settings: Settings }) {
  const trpc = useTRPC();
  const [pages, setPages] = useState<(number | undefined)[]>([undefined]);
  const beforeVersion = pages[pages.length - 1];
  const versions = useQuery(
    trpc.admin.earningRules.versions.queryOptions({
      ruleId: rule.id,
      limit: HISTORY_PAGE,
      ...(beforeVersion !== undefined ? { beforeVersion } : {}),
    }),
  );
  return (
    <Card>
      <BlockStack gap="300">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            Version history
          </Text>
          <Text as="p" tone="subdued">
            Every saved change is a version. Points already awarded keep the version they were awarded under.
          </Text>
        </BlockStack>
        {versions.isPending ? (
          <CardSkeleton lines={4} />
        ) : versions.isError ? (
          <ErrorBanner
            error={versions.error}
            onRetry={() => void versions.refetch()}
            context="the version history"
          />
        ) : (
          <>
            <DataTable
              columnContentTypes={["text", "text", "text", "text"]}
              headings={["Version", "Settings", "Saved", "By"]}
              rows={versions.data.versions.map((v) => [
                <InlineStack key="v" align="start" gap="100" blockAlign="center" wrap={false}>
                  <Text as="span">{formatNumber(v.version)}</Text>
                  {v.current ? <Badge tone="info">Current</Badge> : null}
                </InlineStack>,
                versionSummary(v.settings, settings),
                formatDateTime(v.createdAt),
                v.createdBy ? `Staff member ${v.createdBy}` : "LoyalNest",
              ])}
            />
            {pages.length > 1 || versions.data.nextBeforeVersion !== null ? (
              <InlineStack align="center">
                <Pagination
                  hasPrevious={pages.length > 1}
                  onPrevious={() => setPages((list) => list.slice(0, -1))}
                  hasNext={versions.data.nextBeforeVersion !== null}
                  onNext={() => setPages((list) => [...list, versions.data.nextBeforeVersion ?? undefined])}
                  accessibilityLabels={{ previous: "Newer versions", next: "Older versions" }}
                />
              </InlineStack>
            ) : null}
          </>
        )}
        {rule.kind === "purchase" ? (
          <Box>
            <Banner tone="info">
              The earn rate and what counts towards points apply to the whole programme and are not versioned.
            </Banner>
          </Box>
        ) : null}
      </BlockStack>
    </Card>
  );
}
