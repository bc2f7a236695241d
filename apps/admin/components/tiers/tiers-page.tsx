"use client";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  DataTable,
  FormLayout,
  InlineStack,
  Layout,
  Select,
  SkeletonBodyText,
  Text,
  TextField,
} from "@shopify/polaris";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { formatNumber } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { AdminPage } from "../admin-page";
import { AdminEmptyState } from "../empty-state";
import { ErrorBanner } from "../error-banner";
import {
  bpToMultiplierInput,
  currencySymbol,
  fieldErrorsOf,
  formatMultiplier,
  inputToInt,
  inputToMinor,
  minorToInput,
  multiplierInputToBp,
} from "../points/form-utils";
import {
  TIER_METRICS,
  TIER_WINDOWS,
  type Settings,
  type Tier,
  type TierMetric,
  type TierWindow,
} from "../points/labels";
import { SaveBar } from "../save-bar";
import { PageSkeleton } from "../skeletons";
import { useToast } from "../toast";

interface TierDraft {
  /** Stable React key (ids are missing on new tiers). */
  key: string;
  id?: number;
  name: string;
  threshold: string;
  multiplier: string;
  entryPoints: string;
  entryRewardId: string;
  benefits: string;
  members: number;
}

interface Draft {
  metric: TierMetric;
  window: TierWindow;
  retentionDays: string;
  tiers: TierDraft[];
}

type LadderTier = {
  id?: number;
  name: string;
  threshold: number;
  earnMultiplierBp: number;
  entryRewardPoints: number;
  entryRewardId: number | null;
  benefits: string[];
};

function thresholdInput(threshold: number | null, metric: TierMetric, currency: string): string {
  if (threshold === null) return "";
  return metric === "amount_spent" ? minorToInput(threshold, currency) : String(threshold);
}

function parseThreshold(text: string, metric: TierMetric, currency: string): number | null {
  const value = metric === "amount_spent" ? inputToMinor(text, currency) : inputToInt(text);
  return value === null || Number.isNaN(value) || value < 0 || value > 2_147_483_647 ? null : value;
}

function tierDraftOf(tier: Tier, metric: TierMetric, currency: string): TierDraft {
  return {
    key: `tier-${tier.id}`,
    id: tier.id,
    name: tier.name,
    threshold: thresholdInput(tier.threshold, metric, currency),
    multiplier: bpToMultiplierInput(tier.earnMultiplierBp),
    entryPoints: String(tier.entryRewardPoints),
    entryRewardId: tier.entryRewardId === null ? "" : String(tier.entryRewardId),
    benefits: tier.benefits.join("\n"),
    members: tier.members,
  };
}

const benefitLines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

function validate(d: Draft, currency: string): Record<string, string> {
  const e: Record<string, string> = {};
  const retention = inputToInt(d.retentionDays);
  if (retention === null || Number.isNaN(retention) || retention < 0 || retention > 3650)
    e.tierRetentionDays = "Enter a number of days from 0 to 3,650.";
  if (d.tiers.length > 20) e.tiers = "You can have at most 20 tiers.";
  const names = new Map<string, number>();
  const thresholds = new Map<number, number>();
  const label = (index: number) => d.tiers[index]?.name.trim() || `Tier ${index + 1}`;
  d.tiers.forEach((tier, i) => {
    const name = tier.name.trim();
    if (!name) e[`tiers.${i}.name`] = "Enter the tier's name, e.g. Gold.";
    else if (names.has(name.toLowerCase()))
      e[`tiers.${i}.name`] =
        `Tier ${names.get(name.toLowerCase())! + 1} has this name already; names must differ.`;
    else names.set(name.toLowerCase(), i);
    const threshold = parseThreshold(tier.threshold, d.metric, currency);
    if (threshold === null)
      e[`tiers.${i}.threshold`] =
        d.metric === "amount_spent"
          ? "Enter an amount, e.g. 100.00 (0 for everyone)."
          : "Enter a whole number of points (0 for everyone).";
    else if (thresholds.has(threshold))
      e[`tiers.${i}.threshold`] =
        `${label(thresholds.get(threshold)!)} has this threshold already; thresholds must differ.`;
    else thresholds.set(threshold, i);
    const multiplier = multiplierInputToBp(tier.multiplier);
    if (multiplier === null || Number.isNaN(multiplier) || multiplier < 10_000 || multiplier > 100_000)
      e[`tiers.${i}.earnMultiplierBp`] = "Enter a multiplier from 1 to 10, e.g. 1.5.";
    const entry = inputToInt(tier.entryPoints);
    if (entry === null || Number.isNaN(entry) || entry < 0 || entry > 1_000_000)
      e[`tiers.${i}.entryRewardPoints`] = "Enter a whole number of points from 0 to 1,000,000.";
    const lines = benefitLines(tier.benefits);
    if (lines.length > 20) e[`tiers.${i}.benefits`] = "List at most 20 benefits.";
    else if (lines.some((line) => line.length > 200))
      e[`tiers.${i}.benefits`] = "Keep each benefit under 200 characters.";
  });
  return e;
}

function ladderOf(d: Draft, currency: string): LadderTier[] {
  return d.tiers.map((tier) => ({
    ...(tier.id !== undefined ? { id: tier.id } : {}),
    name: tier.name.trim(),
    threshold: parseThreshold(tier.threshold, d.metric, currency)!,
    earnMultiplierBp: multiplierInputToBp(tier.multiplier)!,
    entryRewardPoints: inputToInt(tier.entryPoints)!,
    entryRewardId: tier.entryRewardId ? Number(tier.entryRewardId) : null,
    benefits: benefitLines(tier.benefits),
  }));
}

/** A value that follows `value` once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** VIP tiers: what qualifies, the ladder, the preview of who would move, and save. */
export function TiersPage() {
  const trpc = useTRPC();
  const tiers = useQuery(trpc.admin.tiers.list.queryOptions());
  const settings = useQuery(trpc.admin.settings.get.queryOptions());
  const rewards = useQuery(trpc.admin.rewards.list.queryOptions({ limit: 100 }));
  // Kept here, not in the form: a save that changes the metric or the ladder starts the form afresh.
  const [warnings, setWarnings] = useState<string[]>([]);
  const [saveError, setSaveError] = useState<unknown>(null);

  if (tiers.isError || settings.isError)
    return (
      <AdminPage title="VIP tiers">
        <ErrorBanner
          error={tiers.error ?? settings.error}
          onRetry={() => {
            void tiers.refetch();
            void settings.refetch();
          }}
          context="your VIP tiers"
        />
      </AdminPage>
    );
  if (!tiers.data || !settings.data) return <PageSkeleton title="VIP tiers" cards={3} />;
  // A saved ladder starts the form afresh (settings changes keep it: their fields then match the draft).
  // Thresholds read differently per metric, so a new metric starts the form afresh too.
  const version = `${settings.data.tierMetric}|${tiers.data.tiers.map((t) => `${t.id}@${t.updatedAt}:${t.active}`).join(",")}`;
  return (
    <TiersForm
      key={version}
      tiers={tiers.data.tiers}
      settings={settings.data}
      rewards={(rewards.data?.items ?? []).filter((r) => r.active)}
      warnings={warnings}
      onWarnings={setWarnings}
      saveError={saveError}
      onSaveError={setSaveError}
    />
  );
}

function TiersForm({
  tiers,
  settings,
  rewards,
  warnings,
  onWarnings,
  saveError,
  onSaveError: setSaveError,
}: {
  tiers: Tier[];
  settings: Settings;
  rewards: { id: number; name: string }[];
  warnings: string[];
  onWarnings: (warnings: string[]) => void;
  saveError: unknown;
  onSaveError: (error: unknown) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const currency = settings.currency;
  const active = tiers.filter((t) => t.active);
  const inactive = tiers.filter((t) => !t.active);
  const initial: Draft = {
    metric: settings.tierMetric,
    window: settings.tierWindow,
    retentionDays: String(settings.tierRetentionDays),
    tiers: active.map((t) => tierDraftOf(t, settings.tierMetric, currency)),
  };
  const [draft, setDraft] = useState(initial);
  const [showErrors, setShowErrors] = useState(false);
  const [saving, setSaving] = useState(false);
  const newKey = useRef(0);

  const settingsDirty =
    draft.metric !== initial.metric ||
    draft.window !== initial.window ||
    draft.retentionDays !== initial.retentionDays;
  const ladderDirty = JSON.stringify(draft.tiers) !== JSON.stringify(initial.tiers);
  const dirty = settingsDirty || ladderDirty;
  const local = validate(draft, currency);
  const server = fieldErrorsOf(saveError).fields;
  const errorOf = (field: string) => (showErrors ? local[field] : undefined) ?? server[field];
  const ladderValid = !Object.keys(local).some((key) => key.startsWith("tiers"));

  const updateSettings = useMutation(trpc.admin.settings.update.mutationOptions());
  const saveTiers = useMutation(trpc.admin.tiers.save.mutationOptions());

  const setTier = (key: string, patch: Partial<TierDraft>) =>
    setDraft((d) => ({ ...d, tiers: d.tiers.map((t) => (t.key === key ? { ...t, ...patch } : t)) }));
  const addTier = (from?: Tier) =>
    setDraft((d) => ({
      ...d,
      tiers: [
        ...d.tiers,
        from
          ? { ...tierDraftOf(from, d.metric, currency), threshold: "" }
          : {
              key: `new-${++newKey.current}`,
              name: "",
              threshold: "",
              multiplier: "1",
              entryPoints: "0",
              entryRewardId: "",
              benefits: "",
              members: 0,
            },
      ],
    }));

  const save = async () => {
    setShowErrors(true);
    if (Object.keys(local).length > 0) return;
    setSaving(true);
    setSaveError(null);
    let savedSettings: Settings | null = null;
    try {
      if (settingsDirty) {
        const result = await updateSettings.mutateAsync({
          expectedConfigVersion: settings.configVersion,
          tierMetric: draft.metric,
          tierWindow: draft.window,
          tierRetentionDays: inputToInt(draft.retentionDays)!,
        });
        savedSettings = result.settings;
      }
      if (ladderDirty || settingsDirty) {
        // The ladder view carries the metric too: reload it after either change.
        if (ladderDirty) {
          const {
            changed: _changed,
            warnings: saveWarnings,
            ...view
          } = await saveTiers.mutateAsync({
            tiers: ladderOf(draft, currency),
          });
          onWarnings(saveWarnings);
          queryClient.setQueryData(trpc.admin.tiers.list.queryKey(), view);
        } else {
          onWarnings([]);
          await queryClient.invalidateQueries({ queryKey: trpc.admin.tiers.list.queryKey() });
        }
      }
      void queryClient.invalidateQueries({ queryKey: trpc.admin.analytics.pathKey() });
      toast("VIP tiers saved");
    } catch (error) {
      setSaveError(error);
    } finally {
      setSaving(false);
      if (savedSettings) queryClient.setQueryData(trpc.admin.settings.get.queryKey(), savedSettings);
    }
  };
  const discard = () => {
    setDraft(initial);
    setShowErrors(false);
    setSaveError(null);
  };

  const unit =
    draft.metric === "amount_spent"
      ? { prefix: currencySymbol(currency), suffix: "spent" }
      : { prefix: undefined, suffix: `${settings.pointsNamePlural} earned` };
  const rewardOptions = [
    { value: "", label: "No reward" },
    ...rewards.map((r) => ({ value: String(r.id), label: r.name })),
  ];

  return (
    <AdminPage
      title="VIP tiers"
      subtitle="Reward your best customers with bigger multipliers, a welcome bonus and perks"
      primaryAction={{ content: "Save", onAction: () => void save(), loading: saving, disabled: !dirty }}
      secondaryActions={[{ content: "Add tier", onAction: () => addTier() }]}
    >
      <SaveBar open={dirty} onSave={() => void save()} onDiscard={discard} saving={saving} />
      <Layout>
        {saveError || warnings.length > 0 ? (
          <Layout.Section>
            <BlockStack gap="400">
              {saveError ? <ErrorBanner error={saveError} /> : null}
              {warnings.length > 0 ? (
                <Banner
                  tone="warning"
                  title="Your tiers are saved, with something to fix"
                  onDismiss={() => onWarnings([])}
                >
                  <BlockStack gap="100">
                    {warnings.map((warning) => (
                      <Text as="p" key={warning}>
                        {warning}
                      </Text>
                    ))}
                  </BlockStack>
                </Banner>
              ) : null}
            </BlockStack>
          </Layout.Section>
        ) : null}
        <Layout.AnnotatedSection
          id="qualifying"
          title="How customers qualify"
          description="Customers move up as soon as they reach a tier. They move down only in the nightly check, after holding their tier for the retention period."
        >
          <Card>
            <FormLayout>
              <FormLayout.Group>
                <Select
                  label="Tiers are based on"
                  options={TIER_METRICS.map(({ value, label }) => ({ value, label }))}
                  value={draft.metric}
                  onChange={(value) => setDraft((d) => ({ ...d, metric: value as TierMetric }))}
                  helpText={TIER_METRICS.find((m) => m.value === draft.metric)?.helpText}
                />
                <Select
                  label="Counted"
                  options={TIER_WINDOWS}
                  value={draft.window}
                  onChange={(value) => setDraft((d) => ({ ...d, window: value as TierWindow }))}
                />
              </FormLayout.Group>
              <TextField
                label="Keep a tier for at least"
                type="number"
                min={0}
                max={3650}
                suffix="days"
                value={draft.retentionDays}
                onChange={(value) => setDraft((d) => ({ ...d, retentionDays: value }))}
                autoComplete="off"
                helpText="Before a customer who no longer qualifies moves down."
                error={errorOf("tierRetentionDays")}
              />
              {draft.metric !== initial.metric ? (
                <Banner tone="warning">
                  Thresholds will now measure{" "}
                  {draft.metric === "amount_spent" ? "money spent" : "points earned"}. Check each tier&apos;s
                  threshold before you save.
                </Banner>
              ) : null}
            </FormLayout>
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          id="tiers"
          title="Tiers"
          description="Each tier's threshold, earn multiplier, welcome bonus and the perks shoppers see. Points are never lost when thresholds change."
        >
          <BlockStack gap="400">
            {draft.tiers.length === 0 ? (
              <AdminEmptyState
                heading={active.length === 0 ? "Create your first VIP tier" : "No tiers left"}
                action={{ content: "Add tier", onAction: () => addTier() }}
              >
                <p>
                  {active.length === 0
                    ? "Start with a tier everyone is in (threshold 0), then add tiers for your best customers."
                    : "Saving now turns tiers off for everyone. Add a tier, or discard your changes."}
                </p>
              </AdminEmptyState>
            ) : null}
            {errorOf("tiers") ? <Banner tone="critical">{errorOf("tiers")}</Banner> : null}
            {draft.tiers.map((tier, index) => (
              <Card key={tier.key}>
                <BlockStack gap="400">
                  <InlineStack align="space-between" blockAlign="center" gap="200">
                    <InlineStack align="start" gap="200" blockAlign="center">
                      <Text as="h2" variant="headingMd">
                        {tier.name.trim() || "New tier"}
                      </Text>
                      {tier.id !== undefined ? (
                        <Badge>{`${formatNumber(tier.members)} ${tier.members === 1 ? "customer" : "customers"}`}</Badge>
                      ) : (
                        <Badge tone="info">New</Badge>
                      )}
                    </InlineStack>
                    <Button
                      variant="tertiary"
                      tone="critical"
                      onClick={() =>
                        setDraft((d) => ({ ...d, tiers: d.tiers.filter((t) => t.key !== tier.key) }))
                      }
                      accessibilityLabel={`Remove tier ${tier.name.trim() || index + 1}`}
                    >
                      Remove
                    </Button>
                  </InlineStack>
                  <FormLayout>
                    <FormLayout.Group>
                      <TextField
                        label="Name"
                        value={tier.name}
                        onChange={(name) => setTier(tier.key, { name })}
                        autoComplete="off"
                        maxLength={60}
                        error={errorOf(`tiers.${index}.name`)}
                      />
                      <TextField
                        label="Threshold"
                        type={draft.metric === "amount_spent" ? "text" : "number"}
                        inputMode={draft.metric === "amount_spent" ? "decimal" : "numeric"}
                        min={0}
                        value={tier.threshold}
                        onChange={(threshold) => setTier(tier.key, { threshold })}
                        autoComplete="off"
                        prefix={unit.prefix}
                        suffix={unit.suffix}
                        error={errorOf(`tiers.${index}.threshold`)}
                      />
                    </FormLayout.Group>
                    <FormLayout.Group>
                      <TextField
                        label="Earn multiplier"
                        type="text"
                        inputMode="decimal"
                        prefix="×"
                        value={tier.multiplier}
                        onChange={(multiplier) => setTier(tier.key, { multiplier })}
                        autoComplete="off"
                        helpText="1 = normal points, 1.5 = half as many again."
                        error={errorOf(`tiers.${index}.earnMultiplierBp`)}
                      />
                      <TextField
                        label="Entry bonus"
                        type="number"
                        min={0}
                        value={tier.entryPoints}
                        onChange={(entryPoints) => setTier(tier.key, { entryPoints })}
                        autoComplete="off"
                        suffix={settings.pointsNamePlural}
                        helpText="Given once, when a customer first reaches this tier."
                        error={errorOf(`tiers.${index}.entryRewardPoints`)}
                      />
                    </FormLayout.Group>
                    <Select
                      label="Entry reward"
                      options={rewardOptions}
                      value={tier.entryRewardId}
                      onChange={(entryRewardId) => setTier(tier.key, { entryRewardId })}
                      helpText="A reward from your catalogue, given once on reaching this tier."
                      error={errorOf(`tiers.${index}.entryRewardId`)}
                    />
                    <TextField
                      label="Benefits"
                      value={tier.benefits}
                      onChange={(benefits) => setTier(tier.key, { benefits })}
                      autoComplete="off"
                      multiline={3}
                      helpText="One per line, shown to shoppers in the rewards widget, e.g. Free shipping on every order."
                      error={errorOf(`tiers.${index}.benefits`)}
                    />
                  </FormLayout>
                </BlockStack>
              </Card>
            ))}
            {draft.tiers.length > 0 && draft.tiers.length < 20 ? (
              <InlineStack>
                <Button onClick={() => addTier()}>Add tier</Button>
              </InlineStack>
            ) : null}
            {ladderDirty ? (
              <Preview
                ladder={ladderValid ? ladderOf(draft, currency) : null}
                metricChanged={
                  settingsDirty && (draft.metric !== initial.metric || draft.window !== initial.window)
                }
              />
            ) : null}
            {inactive.length > 0 ? (
              <Card>
                <BlockStack gap="300">
                  <BlockStack gap="100">
                    <Text as="h2" variant="headingMd">
                      Removed tiers
                    </Text>
                    <Text as="p" tone="subdued">
                      Tiers you removed keep their history. Restore one to use it again.
                    </Text>
                  </BlockStack>
                  {inactive.map((tier) => {
                    const restored = draft.tiers.some((t) => t.id === tier.id);
                    return (
                      <InlineStack key={tier.id} align="space-between" blockAlign="center" gap="200">
                        <Text as="p">
                          {tier.name} · {formatMultiplier(tier.earnMultiplierBp)}
                        </Text>
                        <Button
                          disabled={restored}
                          onClick={() => addTier(tier)}
                          accessibilityLabel={`Restore tier ${tier.name}`}
                        >
                          {restored ? "Restored" : "Restore"}
                        </Button>
                      </InlineStack>
                    );
                  })}
                </BlockStack>
              </Card>
            ) : null}
          </BlockStack>
        </Layout.AnnotatedSection>
      </Layout>
    </AdminPage>
  );
}

/** §8: before saving new tiers, how many customers would move up, down or stay. */
function Preview({ ladder, metricChanged }: { ladder: LadderTier[] | null; metricChanged: boolean }) {
  const trpc = useTRPC();
  const debounced = useDebounced(ladder, 400);
  const enabled = debounced !== null && !metricChanged;
  const preview = useQuery({
    ...trpc.admin.tiers.preview.queryOptions({ tiers: debounced ?? [] }),
    enabled,
    placeholderData: keepPreviousData,
  });

  let body;
  if (metricChanged)
    body = (
      <Text as="p">
        You changed how customers qualify. Save to apply it; the preview of who moves uses the saved setting.
      </Text>
    );
  else if (ladder === null) body = <Text as="p">Fix the highlighted fields to see who would move.</Text>;
  else if (preview.isError)
    body = <ErrorBanner error={preview.error} onRetry={() => void preview.refetch()} context="the preview" />;
  else if (!preview.data) body = <SkeletonBodyText lines={3} />;
  else {
    const p = preview.data;
    body = (
      <BlockStack gap="300">
        <Box data-testid="tier-preview-summary">
          <Text as="p" variant="headingSm">
            {formatNumber(p.up)} {p.up === 1 ? "customer moves" : "customers move"} up, {formatNumber(p.down)}{" "}
            down
            {p.stay > 0 ? `, ${formatNumber(p.stay)} stay where they are` : ""}.
          </Text>
        </Box>
        {p.pinned > 0 ? (
          <Text as="p" tone="subdued">
            {formatNumber(p.pinned)} pinned {p.pinned === 1 ? "customer keeps their" : "customers keep their"}{" "}
            tier whatever the thresholds.
          </Text>
        ) : null}
        <DataTable
          columnContentTypes={["text", "numeric"]}
          headings={["Tier after saving", "Customers"]}
          rows={p.byNewTier.map((row) => [row.name ?? "No tier", formatNumber(row.customers)])}
        />
        <Text as="p" tone="subdued" variant="bodySm">
          Nobody loses points. Customers who move down do so in the nightly check, once their retention period
          is over.
        </Text>
      </BlockStack>
    );
  }
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            If you save these tiers
          </Text>
          {preview.isFetching && enabled ? <Badge tone="info">Updating</Badge> : null}
        </InlineStack>
        <Box>{body}</Box>
      </BlockStack>
    </Card>
  );
}
