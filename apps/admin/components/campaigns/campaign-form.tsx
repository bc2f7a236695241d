"use client";
import {
  Banner,
  BlockStack,
  Card,
  Checkbox,
  ChoiceList,
  FormLayout,
  InlineGrid,
  Layout,
  Modal,
  PageActions,
  Text,
  TextField,
} from "@shopify/polaris";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { apiFieldErrors, describeApiError, httpStatusOf } from "../../lib/api-errors";
import { fromLocalDateTime, toLocalDateTime } from "@loyalnest/domain";
import { browserTimeZone, currencyDigits, formatDate, formatMoney, formatNumber } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { AdminPage } from "../admin-page";
import { AdminEmptyState } from "../empty-state";
import { ErrorBanner } from "../error-banner";
import { SEGMENT_LABELS, SEGMENTS } from "../customers/labels";
import { SaveBar } from "../save-bar";
import { PageSkeleton } from "../skeletons";
import { useToast } from "../toast";
import { CampaignStatusBadge, describeAudience, describeReward, type Campaign } from "./campaign-labels";

type Audience = "everyone" | "tiers" | "segments" | "countries" | "tags";

interface Form {
  name: string;
  type: "multiplier" | "fixed_bonus";
  multiplier: string;
  bonusPoints: string;
  minOrder: string;
  startsAt: string;
  endsAt: string;
  audience: Audience;
  tierIds: string[];
  segments: string[];
  countries: string;
  tags: string;
  active: boolean;
}

const pad = (n: number) => String(n).padStart(2, "0");
/** §10: a campaign's window is entered in shop time. An instant as a `datetime-local` value there. */
function toLocalInput(date: Date, timeZone: string): string {
  const t = toLocalDateTime(date, timeZone);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}`;
}
function fromLocalInput(value: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const date = fromLocalDateTime({ year, month, day, hour, minute }, timeZone);
  return Number.isNaN(date.getTime()) ? null : date;
}
const splitList = (text: string) =>
  text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);

/** A new campaign starts at midnight tomorrow and runs three days, in shop time. */
function emptyForm(timeZone: string): Form {
  const tomorrow = toLocalDateTime(new Date(Date.now() + 86_400_000), timeZone);
  const start = fromLocalDateTime(
    { year: tomorrow.year, month: tomorrow.month, day: tomorrow.day },
    timeZone,
  );
  const after = toLocalDateTime(new Date(start.getTime() + 3 * 86_400_000 + 3 * 3_600_000), timeZone);
  const end = fromLocalDateTime({ year: after.year, month: after.month, day: after.day }, timeZone);
  return {
    name: "",
    type: "multiplier",
    multiplier: "2",
    bonusPoints: "200",
    minOrder: "",
    startsAt: toLocalInput(start, timeZone),
    endsAt: toLocalInput(end, timeZone),
    audience: "everyone",
    tierIds: [],
    segments: [],
    countries: "",
    tags: "",
    active: true,
  };
}

function formOf(c: Campaign, currency: string, timeZone: string): Form {
  const digits = currencyDigits(currency);
  const t = c.target;
  return {
    name: c.name,
    type: c.type,
    multiplier: c.multiplierBp ? String(c.multiplierBp / 10_000) : "2",
    bonusPoints: c.bonusPoints ? String(c.bonusPoints) : "200",
    minOrder: c.minOrderMinor ? (c.minOrderMinor / 10 ** digits).toFixed(digits) : "",
    startsAt: toLocalInput(new Date(c.startsAt), timeZone),
    endsAt: toLocalInput(new Date(c.endsAt), timeZone),
    audience: t.tierIds.length
      ? "tiers"
      : t.segments.length
        ? "segments"
        : t.countries.length
          ? "countries"
          : t.customerTags.length
            ? "tags"
            : "everyone",
    tierIds: t.tierIds.map(String),
    segments: t.segments,
    countries: t.countries.join(", "),
    tags: t.customerTags.join(", "),
    active: c.active,
  };
}

/** The create page (`/campaigns/new`). */
export function NewCampaignPage() {
  return <CampaignEditor campaign={null} />;
}

/** The edit page (`/campaigns/[id]`): loads the campaign first. */
export function EditCampaignPage({ campaignId }: { campaignId: number }) {
  const trpc = useTRPC();
  const campaign = useQuery(trpc.admin.campaigns.get.queryOptions({ campaignId }));
  if (campaign.isPending) return <PageSkeleton title="Campaign" cards={3} />;
  if (campaign.isError) {
    if (httpStatusOf(campaign.error) === 404)
      return (
        <AdminPage title="Campaign not found" backAction={{ content: "Campaigns", url: "/campaigns" }}>
          <AdminEmptyState
            heading="This campaign doesn't exist in your store"
            action={{ content: "Back to campaigns", url: "/campaigns" }}
          >
            <p>The link may be wrong. Your campaigns are listed on the Campaigns page.</p>
          </AdminEmptyState>
        </AdminPage>
      );
    return (
      <AdminPage title="Campaign" backAction={{ content: "Campaigns", url: "/campaigns" }}>
        <ErrorBanner error={campaign.error} onRetry={() => void campaign.refetch()} context="this campaign" />
      </AdminPage>
    );
  }
  return <CampaignEditor campaign={campaign.data.campaign} versions={campaign.data.versions.length} />;
}

function CampaignEditor({ campaign, versions = 0 }: { campaign: Campaign | null; versions?: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const settings = useQuery(trpc.admin.settings.get.queryOptions());
  const tiers = useQuery(trpc.admin.tiers.list.queryOptions());
  const currency = settings.data?.currency ?? "USD";
  const timeZone = settings.data?.timezone ?? browserTimeZone();
  const create = useMutation(trpc.admin.campaigns.create.mutationOptions());
  const update = useMutation(trpc.admin.campaigns.update.mutationOptions());
  const archive = useMutation(trpc.admin.campaigns.archive.mutationOptions());
  const save = campaign ? update : create;

  const initial = useMemo(
    () => (campaign ? formOf(campaign, currency, timeZone) : emptyForm(timeZone)),
    [campaign, currency, timeZone],
  );
  const [form, setForm] = useState<Form>(initial);
  useEffect(() => setForm(initial), [initial]);
  const [submitted, setSubmitted] = useState(false);
  const [archiveOpen, setArchiveOpen] = useState(false);
  const set =
    <K extends keyof Form>(key: K) =>
    (value: Form[K]) =>
      setForm((current) => ({ ...current, [key]: value }));

  const archived = campaign?.status === "archived";
  const dirty = !archived && JSON.stringify(form) !== JSON.stringify(initial);
  const digits = currencyDigits(currency);

  // Field checks before anything is sent (the API checks again and names the field it refuses).
  const multiplier = Number(form.multiplier);
  const bonus = /^\d{1,7}$/.test(form.bonusPoints.trim()) ? Number(form.bonusPoints) : NaN;
  const minOrder = form.minOrder.trim() === "" ? null : Number(form.minOrder);
  const startsAt = fromLocalInput(form.startsAt, timeZone);
  const endsAt = fromLocalInput(form.endsAt, timeZone);
  const countries = splitList(form.countries).map((c) => c.toUpperCase());
  const tags = splitList(form.tags);
  const local: Partial<Record<string, string>> = {
    name: form.name.trim() === "" ? "Give the campaign a name" : undefined,
    multiplierBp:
      form.type === "multiplier" && !(multiplier > 1 && multiplier <= 10)
        ? "Enter a multiplier above 1 and at most 10, e.g. 2 for double points"
        : undefined,
    bonusPoints:
      form.type === "fixed_bonus" && !(bonus >= 1 && bonus <= 1_000_000)
        ? "Enter between 1 and 1,000,000 points"
        : undefined,
    minOrderMinor:
      form.type === "fixed_bonus" && minOrder !== null && !(Number.isFinite(minOrder) && minOrder >= 0)
        ? "Enter an amount, or leave empty for any order"
        : undefined,
    startsAt: startsAt ? undefined : "Choose when the campaign starts",
    endsAt: !endsAt
      ? "Choose when the campaign ends"
      : startsAt && endsAt <= startsAt
        ? "The campaign must end after it starts"
        : undefined,
    target:
      form.audience === "tiers" && form.tierIds.length === 0
        ? "Choose at least one tier"
        : form.audience === "segments" && form.segments.length === 0
          ? "Choose at least one segment"
          : form.audience === "countries" && countries.length === 0
            ? "Enter at least one country code"
            : form.audience === "countries" && countries.some((c) => !/^[A-Z]{2}$/.test(c))
              ? "Use two-letter country codes separated by commas, e.g. US, CA"
              : form.audience === "tags" && tags.length === 0
                ? "Enter at least one customer tag"
                : undefined,
  };
  const shown = (key: string) => (submitted ? local[key] : undefined);
  const invalid = Object.values(local).some(Boolean);
  const server = apiFieldErrors(save.error);
  const serverError = (key: string) =>
    server[key] ?? Object.entries(server).find(([path]) => path.startsWith(`${key}.`))?.[1];
  const problem = save.error && Object.keys(server).length === 0 ? describeApiError(save.error) : null;

  const submit = () => {
    setSubmitted(true);
    if (invalid || !startsAt || !endsAt || archived) return;
    const target = {
      ...(form.audience === "tiers" ? { tierIds: form.tierIds.map(Number) } : {}),
      ...(form.audience === "segments" ? { segments: form.segments as (typeof SEGMENTS)[number][] } : {}),
      ...(form.audience === "countries" ? { countries } : {}),
      ...(form.audience === "tags" ? { customerTags: tags } : {}),
    };
    const fields = {
      name: form.name.trim(),
      type: form.type,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      target,
      active: form.active,
    };
    const onSuccess = (saved: Campaign) => {
      void queryClient.invalidateQueries({ queryKey: trpc.admin.campaigns.pathKey() });
      setSubmitted(false);
      toast(campaign ? "Campaign saved" : "Campaign created");
      if (!campaign) router.push(`/campaigns/${saved.id}`);
    };
    if (form.type === "multiplier") {
      const multiplierBp = Math.round(multiplier * 10_000);
      if (campaign)
        update.mutate(
          { campaignId: campaign.id, ...fields, multiplierBp, bonusPoints: null, minOrderMinor: null },
          { onSuccess: (result) => onSuccess(result.campaign) },
        );
      else create.mutate({ ...fields, multiplierBp }, { onSuccess });
    } else {
      const minOrderMinor = minOrder === null ? null : Math.round(minOrder * 10 ** digits);
      if (campaign)
        update.mutate(
          { campaignId: campaign.id, ...fields, bonusPoints: bonus, minOrderMinor, multiplierBp: null },
          { onSuccess: (result) => onSuccess(result.campaign) },
        );
      else
        create.mutate(
          { ...fields, bonusPoints: bonus, ...(minOrderMinor === null ? {} : { minOrderMinor }) },
          { onSuccess },
        );
    }
  };

  const discard = () => {
    setForm(initial);
    setSubmitted(false);
    save.reset();
  };

  const doArchive = () => {
    if (!campaign) return;
    archive.mutate(
      { campaignId: campaign.id },
      {
        onSuccess: () => {
          void queryClient.invalidateQueries({ queryKey: trpc.admin.campaigns.pathKey() });
          setArchiveOpen(false);
          toast("Campaign archived");
          router.push("/campaigns");
        },
        onError: (error) => {
          const p = describeApiError(error);
          toast(`Couldn't archive the campaign. ${p.detail ?? p.title}`, { error: true });
        },
      },
    );
  };

  const tierChoices = (tiers.data?.tiers ?? [])
    .filter((tier) => tier.active || form.tierIds.includes(String(tier.id)))
    .map((tier) => ({ label: tier.name, value: String(tier.id) }));
  const tierName = (id: number) => tiers.data?.tiers.find((tier) => tier.id === id)?.name ?? `Tier #${id}`;
  const previewReward =
    form.type === "multiplier"
      ? multiplier > 1 && multiplier <= 10
        ? describeReward(
            {
              type: "multiplier",
              multiplierBp: Math.round(multiplier * 10_000),
              bonusPoints: null,
              minOrderMinor: null,
            },
            currency,
          )
        : null
      : bonus >= 1
        ? describeReward(
            {
              type: "fixed_bonus",
              multiplierBp: null,
              bonusPoints: bonus,
              minOrderMinor: minOrder && minOrder > 0 ? Math.round(minOrder * 10 ** digits) : null,
            },
            currency,
          )
        : null;

  return (
    <AdminPage
      title={campaign ? campaign.name : "Create campaign"}
      titleMetadata={campaign ? <CampaignStatusBadge status={campaign.status} /> : undefined}
      backAction={{ content: "Campaigns", url: "/campaigns" }}
    >
      <SaveBar
        open={dirty}
        onSave={submit}
        onDiscard={discard}
        saving={save.isPending}
        message={campaign ? "Unsaved campaign changes" : "Unsaved campaign"}
      />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Layout>
          {archived ? (
            <Layout.Section>
              <Banner tone="info" title="This campaign is archived">
                <p>
                  It no longer awards points and can&apos;t be edited. Create a new campaign to run it again.
                </p>
              </Banner>
            </Layout.Section>
          ) : null}
          {problem || server[""] ? (
            <Layout.Section>
              <Banner tone="critical" title={`Couldn't save the campaign. ${problem?.title ?? ""}`.trim()}>
                <BlockStack gap="100">
                  {(problem?.detail ?? server[""]) ? <p>{problem?.detail ?? server[""]}</p> : null}
                  {problem ? <p>{problem.action}</p> : null}
                </BlockStack>
              </Banner>
            </Layout.Section>
          ) : null}
          <Layout.Section>
            <BlockStack gap="400">
              <Card>
                <FormLayout>
                  <TextField
                    label="Campaign name"
                    autoComplete="off"
                    value={form.name}
                    onChange={set("name")}
                    maxLength={120}
                    disabled={archived}
                    helpText="Shown to customers in the rewards widget, e.g. “Double points weekend”."
                    error={shown("name") ?? serverError("name")}
                  />
                </FormLayout>
              </Card>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Bonus
                  </Text>
                  <FormLayout>
                    <ChoiceList
                      title="Type"
                      choices={[
                        {
                          label: "Points multiplier",
                          value: "multiplier",
                          helpText: "e.g. ×2 points on every order",
                        },
                        {
                          label: "Fixed bonus",
                          value: "fixed_bonus",
                          helpText: "e.g. +200 points on orders of $100 or more",
                        },
                      ]}
                      selected={[form.type]}
                      onChange={(value) => set("type")(value[0] as Form["type"])}
                      disabled={archived}
                    />
                    {form.type === "multiplier" ? (
                      <TextField
                        label="Multiplier"
                        type="number"
                        min={1.1}
                        max={10}
                        step={0.1}
                        prefix="×"
                        autoComplete="off"
                        value={form.multiplier}
                        onChange={set("multiplier")}
                        disabled={archived}
                        helpText="Applies on top of the customer's tier multiplier."
                        error={shown("multiplierBp") ?? serverError("multiplierBp")}
                      />
                    ) : (
                      <FormLayout.Group>
                        <TextField
                          label="Bonus points per order"
                          type="number"
                          min={1}
                          autoComplete="off"
                          value={form.bonusPoints}
                          onChange={set("bonusPoints")}
                          disabled={archived}
                          suffix="points"
                          error={shown("bonusPoints") ?? serverError("bonusPoints")}
                        />
                        <TextField
                          label={`Minimum order (${currency}, optional)`}
                          type="number"
                          min={0}
                          step={digits > 0 ? 1 / 10 ** digits : 1}
                          autoComplete="off"
                          value={form.minOrder}
                          onChange={set("minOrder")}
                          disabled={archived}
                          helpText="Leave empty to reward every order."
                          error={shown("minOrderMinor") ?? serverError("minOrderMinor")}
                        />
                      </FormLayout.Group>
                    )}
                  </FormLayout>
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    When
                  </Text>
                  <InlineGrid columns={{ xs: 1, sm: 2 }} gap="300">
                    <TextField
                      label="Starts"
                      type="datetime-local"
                      autoComplete="off"
                      value={form.startsAt}
                      onChange={set("startsAt")}
                      disabled={archived}
                      error={shown("startsAt") ?? serverError("startsAt")}
                    />
                    <TextField
                      label="Ends"
                      type="datetime-local"
                      autoComplete="off"
                      value={form.endsAt}
                      onChange={set("endsAt")}
                      disabled={archived}
                      error={shown("endsAt") ?? serverError("endsAt")}
                    />
                  </InlineGrid>
                  <Text as="p" tone="subdued" variant="bodySm">
                    Times are in your store&apos;s time zone, {timeZone.replace(/_/g, " ")}.
                  </Text>
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Who gets the bonus
                  </Text>
                  <ChoiceList
                    title="Audience"
                    titleHidden
                    choices={[
                      { label: "Everyone", value: "everyone" },
                      { label: "Customers in chosen VIP tiers", value: "tiers" },
                      { label: "Customers in chosen RFM segments", value: "segments" },
                      { label: "Customers in chosen countries", value: "countries" },
                      { label: "Customers with chosen tags", value: "tags" },
                    ]}
                    selected={[form.audience]}
                    onChange={(value) => set("audience")(value[0] as Audience)}
                    disabled={archived}
                  />
                  {form.audience === "tiers" ? (
                    <ChoiceList
                      title="Tiers"
                      allowMultiple
                      choices={tierChoices}
                      selected={form.tierIds}
                      onChange={set("tierIds")}
                      disabled={archived}
                      error={shown("target") ?? serverError("target") ?? serverError("tierIds")}
                    />
                  ) : form.audience === "segments" ? (
                    <ChoiceList
                      title="Segments"
                      allowMultiple
                      choices={SEGMENTS.map((s) => ({ label: SEGMENT_LABELS[s], value: s }))}
                      selected={form.segments}
                      onChange={set("segments")}
                      disabled={archived}
                      error={shown("target") ?? serverError("target") ?? serverError("segments")}
                    />
                  ) : form.audience === "countries" ? (
                    <TextField
                      label="Country codes"
                      autoComplete="off"
                      value={form.countries}
                      onChange={set("countries")}
                      disabled={archived}
                      helpText="Two-letter codes separated by commas, e.g. US, CA, GB. The customer's country in Shopify decides."
                      error={shown("target") ?? serverError("target") ?? serverError("countries")}
                    />
                  ) : form.audience === "tags" ? (
                    <TextField
                      label="Customer tags"
                      autoComplete="off"
                      value={form.tags}
                      onChange={set("tags")}
                      disabled={archived}
                      helpText="Tags from Shopify, separated by commas. Customers with any of them get the bonus."
                      error={shown("target") ?? serverError("target") ?? serverError("customerTags")}
                    />
                  ) : serverError("target") ? (
                    <Text as="p" tone="critical">
                      {serverError("target")}
                    </Text>
                  ) : null}
                </BlockStack>
              </Card>
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Summary
                  </Text>
                  <Text as="p">{previewReward ?? "Choose the bonus"}</Text>
                  <Text as="p" tone="subdued">
                    {startsAt && endsAt && endsAt > startsAt
                      ? `${formatDate(startsAt.toISOString(), { time: true, timeZone })} – ${formatDate(endsAt.toISOString(), { time: true, timeZone })}`
                      : "Choose when it runs"}
                  </Text>
                  <Text as="p" tone="subdued">
                    {describeAudience(
                      {
                        tierIds: form.audience === "tiers" ? form.tierIds.map(Number) : [],
                        segments: form.audience === "segments" ? form.segments : [],
                        countries: form.audience === "countries" ? countries : [],
                        customerTags: form.audience === "tags" ? tags : [],
                      },
                      tierName,
                    )}
                  </Text>
                  <Checkbox
                    label="Active"
                    helpText="Untick to pause the campaign without changing its dates."
                    checked={form.active}
                    onChange={set("active")}
                    disabled={archived}
                  />
                </BlockStack>
              </Card>
              {campaign ? (
                <Card>
                  <BlockStack gap="200">
                    <Text as="h2" variant="headingMd">
                      History
                    </Text>
                    <Text as="p" tone="subdued">
                      Version {formatNumber(campaign.currentVersion)}, last saved{" "}
                      {formatDate(campaign.updatedAt, { time: true })}. Points already awarded keep the
                      version that produced them
                      {versions > 1 ? ` (${formatNumber(versions)} versions kept)` : ""}.
                    </Text>
                    {campaign.type === "fixed_bonus" && campaign.minOrderMinor ? (
                      <Text as="p" tone="subdued">
                        Minimum order: {formatMoney(campaign.minOrderMinor, currency)}
                      </Text>
                    ) : null}
                  </BlockStack>
                </Card>
              ) : null}
            </BlockStack>
          </Layout.Section>
          <Layout.Section>
            <PageActions
              primaryAction={{
                content: campaign ? "Save campaign" : "Create campaign",
                onAction: submit,
                loading: save.isPending,
                disabled: archived || (campaign !== null && !dirty),
              }}
              secondaryActions={
                campaign && !archived
                  ? [{ content: "Archive campaign", destructive: true, onAction: () => setArchiveOpen(true) }]
                  : []
              }
            />
          </Layout.Section>
        </Layout>
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </form>
      <Modal
        open={archiveOpen}
        onClose={() => setArchiveOpen(false)}
        title={`Archive “${campaign?.name ?? ""}”?`}
        primaryAction={{
          content: "Archive campaign",
          destructive: true,
          loading: archive.isPending,
          onAction: doArchive,
        }}
        secondaryActions={[{ content: "Cancel", onAction: () => setArchiveOpen(false) }]}
      >
        <Modal.Section>
          <Text as="p">
            The campaign stops awarding points at once and disappears from the widget. Points it already
            awarded stay. This can&apos;t be undone.
          </Text>
        </Modal.Section>
      </Modal>
    </AdminPage>
  );
}
