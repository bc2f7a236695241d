"use client";
import type { AppRouter } from "@loyalnest/api";
import {
  BlockStack,
  Box,
  Card,
  Checkbox,
  ChoiceList,
  InlineGrid,
  InlineStack,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import { useTRPC } from "../../lib/trpc";
import { ErrorBanner } from "../error-banner";
import { SaveBar } from "../save-bar";
import { CardSkeleton } from "../skeletons";
import { useToast } from "../toast";

type RfmSettings = inferRouterOutputs<AppRouter>["admin"]["rfm"]["settings"]["get"];
type RfmUpdate = inferRouterInputs<AppRouter>["admin"]["rfm"]["settings"]["update"];
type BandKey = "recencyDays" | "frequency" | "monetaryAovBp";

interface RfmDraft {
  mode: RfmSettings["mode"];
  preset: RfmSettings["preset"];
  lifetime: boolean;
  windowDays: string;
  /** Custom band edges as typed (monetary as a multiple of the average order, e.g. "0.5"). */
  bands: Record<BandKey, string[]>;
  weights: { r: string; f: string; m: string };
}

const toText = (bands: RfmSettings["bands"]): Record<BandKey, string[]> => ({
  recencyDays: bands.recencyDays.map(String),
  frequency: bands.frequency.map(String),
  monetaryAovBp: bands.monetaryAovBp.map((bp) => String(bp / 10_000)),
});

function draftFrom(s: RfmSettings): RfmDraft {
  return {
    mode: s.mode,
    preset: s.preset,
    lifetime: s.windowDays === null,
    windowDays: String(s.windowDays ?? 365),
    bands: toText(s.customBands),
    weights: {
      r: String(s.weights.rBp / 100),
      f: String(s.weights.fBp / 100),
      m: String(s.weights.mBp / 100),
    },
  };
}

const BAND_ROWS: { key: BandKey; title: string; help: string; scale: number }[] = [
  {
    key: "recencyDays",
    title: "Recency: days since the last order",
    help: "Up to the first edge scores 5; over the last scores 1.",
    scale: 1,
  },
  {
    key: "frequency",
    title: "Frequency: orders in the window",
    help: "Up to the first edge scores 1; over the last scores 5.",
    scale: 1,
  },
  {
    key: "monetaryAovBp",
    title: "Monetary: spend as a multiple of your average order",
    help: "Below the first edge scores 1; at or above the last scores 5.",
    scale: 10_000,
  },
];

/** RFM scoring: mode, preset, window, band edges and weights (§11). Applies from the next scoring. */
export function RfmTab() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.admin.rfm.settings.get.queryOptions());
  if (settings.isPending) return <CardSkeleton lines={10} />;
  if (settings.isError)
    return (
      <ErrorBanner
        error={settings.error}
        onRetry={() => void settings.refetch()}
        context="your RFM settings"
      />
    );
  return <RfmForm key={settings.data.updatedAt ?? "default"} settings={settings.data} />;
}

function RfmForm({ settings }: { settings: RfmSettings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [draft, setDraft] = useState(() => draftFrom(settings));
  const base = draftFrom(settings);
  const dirty = JSON.stringify(draft) !== JSON.stringify(base);
  const save = useMutation(
    trpc.admin.rfm.settings.update.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.admin.rfm.settings.get.queryKey(), saved);
        setDraft(draftFrom(saved));
        toast("RFM settings saved. Customers are being rescored with them now.");
      },
    }),
  );

  const errors: Partial<Record<string, string>> = {};
  const windowDays = Number(draft.windowDays);
  if (!draft.lifetime && (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > 3650))
    errors.window = "Enter whole days from 1 to 3650.";
  const weights = [draft.weights.r, draft.weights.f, draft.weights.m].map(Number);
  if (weights.some((w) => !Number.isFinite(w) || w < 0 || w > 100))
    errors.weights = "Each weight is a percentage from 0 to 100.";
  else if (Math.round(weights.reduce((a, b) => a + b, 0) * 100) !== 10_000)
    errors.weights = `The weights must add up to 100% (now ${weights.reduce((a, b) => a + b, 0)}%).`;
  for (const row of BAND_ROWS) {
    const edges = draft.bands[row.key].map(Number);
    if (edges.some((e) => !Number.isFinite(e) || e <= 0 || (row.scale === 1 && !Number.isInteger(e))))
      errors[row.key] = row.scale === 1 ? "Enter four whole numbers." : "Enter four positive numbers.";
    else if (!edges.every((e, i) => i === 0 || e > edges[i - 1]!))
      errors[row.key] = "Each edge must be larger than the one before.";
  }
  const customEditing = draft.preset === "custom";
  const hasErrors = Boolean(
    errors.window || errors.weights || (customEditing && BAND_ROWS.some((r) => errors[r.key])),
  );

  const submit = () => {
    if (hasErrors) return;
    const patch: RfmUpdate = {};
    if (draft.mode !== base.mode) patch.mode = draft.mode;
    if (draft.preset !== base.preset) patch.preset = draft.preset;
    const windowValue = draft.lifetime ? null : windowDays;
    if (windowValue !== settings.windowDays) patch.windowDays = windowValue;
    if (customEditing && JSON.stringify(draft.bands) !== JSON.stringify(base.bands))
      patch.bands = {
        recencyDays: draft.bands.recencyDays.map(Number),
        frequency: draft.bands.frequency.map(Number),
        monetaryAovBp: draft.bands.monetaryAovBp.map((v) => Math.round(Number(v) * 10_000)),
      };
    if (JSON.stringify(draft.weights) !== JSON.stringify(base.weights)) {
      const [rBp, fBp, mBp] = weights.map((w) => Math.round(w * 100));
      patch.weights = { rBp: rBp!, fBp: fBp!, mBp: mBp! };
    }
    if (Object.keys(patch).length === 0) {
      setDraft(base);
      return;
    }
    save.mutate(patch);
  };

  const shownBands = customEditing
    ? draft.bands
    : draft.preset === settings.preset
      ? toText(settings.bands)
      : null;

  return (
    <BlockStack gap="400">
      <SaveBar
        open={dirty}
        saving={save.isPending}
        saveDisabled={hasErrors}
        onSave={submit}
        onDiscard={() => {
          setDraft(base);
          save.reset();
        }}
      />
      {save.isError ? <ErrorBanner error={save.error} /> : null}
      <Card>
        <BlockStack gap="400">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              How customers are scored
            </Text>
            <Text as="p" tone="subdued">
              Each customer gets a 1–5 score for recency, frequency and spend, which places them in a segment
              (Champions, Loyal, At risk…). Saving rescores every customer within a minute or two; scores are
              also refreshed nightly at 01:00.
            </Text>
          </BlockStack>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
            <ChoiceList
              title="Scoring"
              choices={[
                { label: "Fixed bands", value: "bands", helpText: "Scores from the band edges below." },
                {
                  label: "Relative to your customers (quintiles)",
                  value: "quintile",
                  helpText: "The top fifth of your customers scores 5, the next fifth 4, and so on.",
                },
              ]}
              selected={[draft.mode]}
              onChange={([mode]) => setDraft({ ...draft, mode: mode as RfmDraft["mode"] })}
            />
            <BlockStack gap="300">
              <Select
                label="Band preset"
                options={[
                  { label: "Standard", value: "default" },
                  { label: "Subscription store (slower recency)", value: "subscription" },
                  { label: "Custom", value: "custom" },
                ]}
                value={draft.preset}
                onChange={(preset) => setDraft({ ...draft, preset: preset as RfmDraft["preset"] })}
                helpText="Choose Custom to edit the band edges."
              />
              <Checkbox
                label="Measure each customer's whole order history"
                checked={draft.lifetime}
                onChange={(lifetime) => setDraft({ ...draft, lifetime })}
              />
              {draft.lifetime ? null : (
                <Box maxWidth="200px">
                  <TextField
                    label="Order history window"
                    type="number"
                    suffix="days"
                    min={1}
                    max={3650}
                    value={draft.windowDays}
                    onChange={(windowDays) => setDraft({ ...draft, windowDays })}
                    error={errors.window}
                    autoComplete="off"
                  />
                </Box>
              )}
            </BlockStack>
          </InlineGrid>
        </BlockStack>
      </Card>

      <Card>
        <BlockStack gap="400">
          <Text as="h2" variant="headingMd">
            Band edges
          </Text>
          {shownBands === null ? (
            <Text as="p" tone="subdued">
              Save to apply the {draft.preset === "subscription" ? "subscription store" : "standard"}{" "}
              preset&apos;s band edges.
            </Text>
          ) : (
            BAND_ROWS.map((row) => (
              <BlockStack key={row.key} gap="200">
                <Text as="h3" variant="headingSm">
                  {row.title}
                </Text>
                <InlineGrid columns={{ xs: 2, sm: 4 }} gap="200">
                  {shownBands[row.key].map((value, i) => (
                    <TextField
                      key={i}
                      label={`Edge ${i + 1}`}
                      type="number"
                      value={value}
                      disabled={!customEditing}
                      suffix={row.key === "recencyDays" ? "days" : row.key === "frequency" ? "orders" : "×"}
                      onChange={(v) => {
                        const edges = [...draft.bands[row.key]];
                        edges[i] = v;
                        setDraft({ ...draft, bands: { ...draft.bands, [row.key]: edges } });
                      }}
                      autoComplete="off"
                    />
                  ))}
                </InlineGrid>
                <Text
                  as="p"
                  variant="bodySm"
                  tone={customEditing && errors[row.key] ? "critical" : "subdued"}
                >
                  {customEditing && errors[row.key] ? errors[row.key] : row.help}
                </Text>
              </BlockStack>
            ))
          )}
        </BlockStack>
      </Card>

      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Composite score weights
          </Text>
          <InlineStack gap="300" wrap>
            {(
              [
                ["r", "Recency weight"],
                ["f", "Frequency weight"],
                ["m", "Monetary weight"],
              ] as const
            ).map(([k, label]) => (
              <Box key={k} maxWidth="160px">
                <TextField
                  label={label}
                  type="number"
                  suffix="%"
                  min={0}
                  max={100}
                  value={draft.weights[k]}
                  onChange={(v) => setDraft({ ...draft, weights: { ...draft.weights, [k]: v } })}
                  autoComplete="off"
                />
              </Box>
            ))}
          </InlineStack>
          <Text as="p" variant="bodySm" tone={errors.weights ? "critical" : "subdued"}>
            {errors.weights ?? "The three weights add up to 100%. The standard is 40 / 30 / 30."}
          </Text>
        </BlockStack>
      </Card>
    </BlockStack>
  );
}
