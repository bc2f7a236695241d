"use client";
import { BlockStack, Card, ChoiceList, FormLayout, Text, TextField } from "@shopify/polaris";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../lib/trpc";
import { ErrorBanner } from "../error-banner";
import { SaveBar } from "../save-bar";
import { CardSkeleton } from "../skeletons";
import { useToast } from "../toast";
import { fieldErrorsOf, inputToInt } from "./form-utils";
import type { Settings } from "./labels";

/** Points name (singular / plural), pending period and expiry policy: `admin.settings.update`. */
export function PointsSettingsCard() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.admin.settings.get.queryOptions());
  if (settings.isPending) return <CardSkeleton lines={8} />;
  if (settings.isError)
    return (
      <ErrorBanner
        error={settings.error}
        onRetry={() => void settings.refetch()}
        context="your points settings"
      />
    );
  // A saved (or elsewhere changed) version starts the form afresh.
  return <PointsSettingsForm key={settings.data.configVersion} settings={settings.data} />;
}

interface Draft {
  singular: string;
  plural: string;
  pendingDays: string;
  expiryPolicy: Settings["expiryPolicy"];
  inactivityDays: string;
  warningDays: string;
}

function draftOf(s: Settings): Draft {
  return {
    singular: s.pointsNameSingular,
    plural: s.pointsNamePlural,
    pendingDays: String(s.pendingDays),
    expiryPolicy: s.expiryPolicy,
    inactivityDays: String(s.expiryInactivityDays),
    warningDays: String(s.expiryWarningDays),
  };
}

function validate(d: Draft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!d.singular.trim()) errors.pointsNameSingular = "Enter the name of one point, e.g. point or star.";
  if (!d.plural.trim()) errors.pointsNamePlural = "Enter the name of several points, e.g. points or stars.";
  const pending = inputToInt(d.pendingDays);
  if (pending === null || Number.isNaN(pending) || pending < 0 || pending > 365)
    errors.pendingDays = "Enter a number of days from 0 to 365.";
  if (d.expiryPolicy === "inactivity") {
    const inactivity = inputToInt(d.inactivityDays);
    const warning = inputToInt(d.warningDays);
    if (inactivity === null || Number.isNaN(inactivity) || inactivity < 1 || inactivity > 3650)
      errors.expiryInactivityDays = "Enter a number of days from 1 to 3,650.";
    if (warning === null || Number.isNaN(warning) || warning < 0 || warning > 365)
      errors.expiryWarningDays = "Enter a number of days from 0 to 365.";
    else if (inactivity !== null && !Number.isNaN(inactivity) && warning >= inactivity)
      errors.expiryWarningDays = "The warning must go out before the points expire: use fewer days.";
  }
  return errors;
}

function PointsSettingsForm({ settings }: { settings: Settings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const initial = draftOf(settings);
  const [draft, setDraft] = useState(initial);
  const [showErrors, setShowErrors] = useState(false);
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));

  const update = useMutation(
    trpc.admin.settings.update.mutationOptions({
      onSuccess: (result) => {
        queryClient.setQueryData(trpc.admin.settings.get.queryKey(), result.settings);
        toast("Points settings saved");
      },
    }),
  );
  const local = validate(draft);
  const server = fieldErrorsOf(update.error).fields;
  const errorOf = (field: string) => (showErrors ? local[field] : undefined) ?? server[field];

  const save = () => {
    setShowErrors(true);
    if (Object.keys(local).length > 0) return;
    const inactivity = draft.expiryPolicy === "inactivity";
    update.mutate({
      expectedConfigVersion: settings.configVersion,
      pointsNameSingular: draft.singular.trim(),
      pointsNamePlural: draft.plural.trim(),
      pendingDays: inputToInt(draft.pendingDays)!,
      expiryPolicy: draft.expiryPolicy,
      ...(inactivity
        ? {
            expiryInactivityDays: inputToInt(draft.inactivityDays)!,
            expiryWarningDays: inputToInt(draft.warningDays)!,
          }
        : {}),
    });
  };
  const discard = () => {
    setDraft(initial);
    setShowErrors(false);
    update.reset();
  };

  return (
    <Card>
      <SaveBar open={dirty} onSave={save} onDiscard={discard} saving={update.isPending} />
      <BlockStack gap="400">
        {update.isError ? <ErrorBanner error={update.error} /> : null}
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          <FormLayout>
            <Text as="h3" variant="headingSm">
              Points name
            </Text>
            <FormLayout.Group>
              <TextField
                label="One"
                value={draft.singular}
                onChange={set("singular")}
                autoComplete="off"
                maxLength={40}
                helpText="e.g. “1 point”"
                error={errorOf("pointsNameSingular")}
              />
              <TextField
                label="Several"
                value={draft.plural}
                onChange={set("plural")}
                autoComplete="off"
                maxLength={40}
                helpText="e.g. “250 points”"
                error={errorOf("pointsNamePlural")}
              />
            </FormLayout.Group>
            <TextField
              label="Pending period"
              type="number"
              min={0}
              max={365}
              suffix="days"
              value={draft.pendingDays}
              onChange={set("pendingDays")}
              autoComplete="off"
              helpText="Points from an order wait this long before they can be spent, so returns cancel them instead of taking them back. 0 = at once."
              error={errorOf("pendingDays")}
            />
            <ChoiceList
              title="Points expiry"
              choices={[
                { label: "Points never expire", value: "none" },
                {
                  label: "Points expire after a period of inactivity",
                  value: "inactivity",
                  helpText:
                    "When a customer neither earns nor spends for this long, their available points expire. Pending points never expire.",
                },
              ]}
              selected={[draft.expiryPolicy]}
              onChange={(selected) => set("expiryPolicy")(selected[0] as Draft["expiryPolicy"])}
            />
            {draft.expiryPolicy === "inactivity" ? (
              <FormLayout.Group>
                <TextField
                  label="Expire after"
                  type="number"
                  min={1}
                  max={3650}
                  suffix="days without activity"
                  value={draft.inactivityDays}
                  onChange={set("inactivityDays")}
                  autoComplete="off"
                  error={errorOf("expiryInactivityDays")}
                />
                <TextField
                  label="Warn customers"
                  type="number"
                  min={0}
                  max={365}
                  suffix="days before"
                  value={draft.warningDays}
                  onChange={set("warningDays")}
                  autoComplete="off"
                  helpText="An email reminds them to use their points. 0 = no warning."
                  error={errorOf("expiryWarningDays")}
                />
              </FormLayout.Group>
            ) : null}
          </FormLayout>
        </form>
      </BlockStack>
    </Card>
  );
}
