"use client";
import {
  Banner,
  BlockStack,
  Card,
  Checkbox,
  ChoiceList,
  FormLayout,
  Layout,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { apiFieldErrors, describeApiError, httpStatusOf } from "../../lib/api-errors";
import { formatNumber } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { ErrorBanner } from "../error-banner";
import { SaveBar } from "../save-bar";
import { CardSkeleton } from "../skeletons";
import { useToast } from "../toast";

interface Form {
  enabled: boolean;
  advocateType: "points" | "reward";
  advocatePoints: string;
  advocateRewardId: string;
  friendRewardId: string;
  fraudScoreThreshold: string;
  monthlyLimit: string;
  reversalWindowDays: string;
}

const NONE = "";

function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d{1,9}$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : null;
}

/** The referral programme's rewards (both sides) and fraud settings, saved together. */
export function ReferralSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const settings = useQuery(trpc.admin.settings.get.queryOptions());
  const rewards = useQuery(trpc.admin.rewards.list.queryOptions({ limit: 100 }));
  const update = useMutation(trpc.admin.settings.update.mutationOptions());

  const saved: Form | null = useMemo(() => {
    if (!settings.data) return null;
    const r = settings.data.config.referrals;
    return {
      enabled: r.enabled,
      advocateType: r.advocateReward.type,
      advocatePoints: r.advocateReward.type === "points" ? String(r.advocateReward.points) : "500",
      advocateRewardId: r.advocateReward.type === "reward" ? String(r.advocateReward.rewardId) : NONE,
      friendRewardId: r.friendRewardId === null ? NONE : String(r.friendRewardId),
      fraudScoreThreshold: String(r.fraudScoreThreshold),
      monthlyLimit: String(settings.data.referralMonthlyLimit),
      reversalWindowDays: String(settings.data.referralReversalWindowDays),
    };
  }, [settings.data]);
  const [form, setForm] = useState<Form | null>(null);
  useEffect(() => setForm(saved), [saved]);

  if (settings.isPending || (form === null && !settings.isError))
    return (
      <Layout.Section>
        <CardSkeleton lines={8} />
      </Layout.Section>
    );
  if (settings.isError || !form || !saved)
    return (
      <Layout.Section>
        <ErrorBanner
          error={settings.error}
          onRetry={() => void settings.refetch()}
          context="your referral settings"
        />
      </Layout.Section>
    );

  const set =
    <K extends keyof Form>(key: K) =>
    (value: Form[K]) =>
      setForm({ ...form, [key]: value });
  const dirty = JSON.stringify(form) !== JSON.stringify(saved);
  const rewardOptions = (rewards.data?.items ?? []).map((reward) => ({
    label: reward.active ? reward.name : `${reward.name} (inactive)`,
    value: String(reward.id),
  }));

  const points = wholeNumber(form.advocatePoints, 1, 1_000_000);
  const threshold = wholeNumber(form.fraudScoreThreshold, 0, 100);
  const monthlyLimit = wholeNumber(form.monthlyLimit, 1, 10_000);
  const reversalDays = wholeNumber(form.reversalWindowDays, 0, 365);
  const local = {
    advocatePoints:
      form.advocateType === "points" && points === null ? "Enter between 1 and 1,000,000 points" : undefined,
    advocateRewardId:
      form.advocateType === "reward" && form.advocateRewardId === NONE
        ? "Choose the reward to give"
        : undefined,
    fraudScoreThreshold: threshold === null ? "Enter a score from 0 to 100" : undefined,
    monthlyLimit: monthlyLimit === null ? "Enter a number from 1 to 10,000" : undefined,
    reversalWindowDays: reversalDays === null ? "Enter a number of days from 0 to 365" : undefined,
  };
  const invalid = Object.values(local).some(Boolean);
  const server = apiFieldErrors(update.error);
  const conflict = httpStatusOf(update.error) === 409;
  const otherProblem =
    update.error && !conflict && Object.keys(server).length === 0 ? describeApiError(update.error) : null;

  const save = () => {
    if (invalid) return;
    update.mutate(
      {
        expectedConfigVersion: settings.data.configVersion,
        referralMonthlyLimit: monthlyLimit!,
        referralReversalWindowDays: reversalDays!,
        config: {
          referrals: {
            enabled: form.enabled,
            advocateReward:
              form.advocateType === "points"
                ? { type: "points", points: points! }
                : { type: "reward", rewardId: Number(form.advocateRewardId) },
            friendRewardId: form.friendRewardId === NONE ? null : Number(form.friendRewardId),
            fraudScoreThreshold: threshold!,
          },
        },
      },
      {
        onSuccess: (result) => {
          queryClient.setQueryData(trpc.admin.settings.get.queryKey(), result.settings);
          update.reset();
          toast("Referral settings saved");
        },
      },
    );
  };
  const discard = () => {
    setForm(saved);
    update.reset();
  };

  return (
    <>
      <SaveBar
        open={dirty}
        onSave={save}
        onDiscard={discard}
        saving={update.isPending}
        saveDisabled={invalid}
        message="Unsaved referral settings"
      />
      {conflict || otherProblem || server[""] ? (
        <Layout.Section>
          {conflict ? (
            <Banner
              tone="warning"
              title="Your settings were changed somewhere else"
              action={{
                content: "Load the latest settings",
                onAction: () => {
                  update.reset();
                  void settings.refetch();
                },
              }}
            >
              <p>Load the latest settings, then make your changes again.</p>
            </Banner>
          ) : otherProblem ? (
            <Banner tone="critical" title={`Couldn't save. ${otherProblem.title}`}>
              <BlockStack gap="100">
                {otherProblem.detail ? <p>{otherProblem.detail}</p> : null}
                <p>{otherProblem.action}</p>
              </BlockStack>
            </Banner>
          ) : (
            <Banner tone="critical" title="Couldn't save these settings">
              <p>{server[""]}</p>
            </Banner>
          )}
        </Layout.Section>
      ) : null}
      <Layout.AnnotatedSection
        id="referral-rewards"
        title="Referral rewards"
        description="What the customer who shares their link (the advocate) and the friend they invite each receive. The advocate is rewarded when the friend's first order is paid."
      >
        <Card>
          <FormLayout>
            <Checkbox
              label="Referrals are on"
              helpText="Members see their share link in the rewards widget."
              checked={form.enabled}
              onChange={set("enabled")}
            />
            <ChoiceList
              title="Advocate reward"
              choices={[
                { label: "Points", value: "points" },
                { label: "A reward from your catalogue", value: "reward" },
              ]}
              selected={[form.advocateType]}
              onChange={(value) => set("advocateType")(value[0] as Form["advocateType"])}
            />
            {form.advocateType === "points" ? (
              <TextField
                label="Points for the advocate"
                type="number"
                min={1}
                autoComplete="off"
                value={form.advocatePoints}
                onChange={set("advocatePoints")}
                suffix="points"
                error={local.advocatePoints ?? server.points}
              />
            ) : (
              <Select
                label="Reward for the advocate"
                options={[{ label: "Choose a reward", value: NONE, disabled: true }, ...rewardOptions]}
                value={form.advocateRewardId}
                onChange={set("advocateRewardId")}
                error={local.advocateRewardId ?? server.rewardId}
                helpText={
                  rewardOptions.length === 0 ? "Create a reward on the Points page first." : undefined
                }
              />
            )}
            <Select
              label="Friend reward"
              options={[{ label: "No friend reward", value: NONE }, ...rewardOptions]}
              value={form.friendRewardId}
              onChange={set("friendRewardId")}
              helpText="Offered to the friend on their first visit, e.g. 10% off their first order."
              error={server.friendRewardId}
            />
          </FormLayout>
        </Card>
      </Layout.AnnotatedSection>
      <Layout.AnnotatedSection
        id="referral-fraud"
        title="Fraud protection"
        description="Every referral gets a fraud score from 0 to 100 (same shipping address, same device, the friend had ordered before…). Referrals at or above your threshold wait for your review instead of rewarding anyone."
      >
        <Card>
          <FormLayout>
            <TextField
              label="Review referrals scoring at least"
              type="number"
              min={0}
              max={100}
              autoComplete="off"
              value={form.fraudScoreThreshold}
              onChange={set("fraudScoreThreshold")}
              suffix="of 100"
              helpText="Lower catches more; 50 sends every referral that breaks a rule to review."
              error={local.fraudScoreThreshold ?? server.fraudScoreThreshold}
            />
            <FormLayout.Group>
              <TextField
                label="Referrals rewarded per advocate per month"
                type="number"
                min={1}
                autoComplete="off"
                value={form.monthlyLimit}
                onChange={set("monthlyLimit")}
                helpText="More than this is flagged for review."
                error={local.monthlyLimit ?? server.referralMonthlyLimit}
              />
              <TextField
                label="Reversal window"
                type="number"
                min={0}
                autoComplete="off"
                value={form.reversalWindowDays}
                onChange={set("reversalWindowDays")}
                suffix="days"
                helpText="If the friend's first order is fully refunded within this time, both rewards are taken back."
                error={local.reversalWindowDays ?? server.referralReversalWindowDays}
              />
            </FormLayout.Group>
            <Text as="p" tone="subdued">
              Currently: review at{" "}
              {formatNumber(saved.fraudScoreThreshold === "" ? 0 : Number(saved.fraudScoreThreshold))} and
              above, at most {formatNumber(Number(saved.monthlyLimit))} rewarded referrals a month per
              advocate.
            </Text>
          </FormLayout>
        </Card>
      </Layout.AnnotatedSection>
    </>
  );
}
