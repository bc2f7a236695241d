"use client";
import { Banner, BlockStack, FormLayout, Modal, Select, Text, TextField } from "@shopify/polaris";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { apiFieldErrors, describeApiError } from "../../lib/api-errors";
import { formatDate } from "../../lib/format";
import { newRequestKey } from "../../lib/request-key";
import { useTRPC } from "../../lib/trpc";
import { useToast } from "../toast";

const NO_TIER = "none";

function todayLocal(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Pins a tier (overriding evaluation) with a reason and an optional last day, or removes the pin.
 * Each submission carries its own request key, kept for a retry of the same values.
 */
export function TierPinModal({
  customerId,
  mode,
  currentTierId,
  open,
  onClose,
}: {
  customerId: number;
  mode: "pin" | "unpin";
  currentTierId: number | null;
  open: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const tiers = useQuery(trpc.admin.tiers.list.queryOptions());
  const [tierId, setTierId] = useState<string>(currentTierId ? String(currentTierId) : "");
  const [reason, setReason] = useState("");
  const [until, setUntil] = useState("");
  const [touched, setTouched] = useState(false);
  const submission = useRef<{ fingerprint: string; key: string } | null>(null);
  const pin = useMutation(trpc.admin.customers.pinTier.mutationOptions());
  const unpin = useMutation(trpc.admin.customers.unpinTier.mutationOptions());
  const mutation = mode === "pin" ? pin : unpin;

  const activeTiers = (tiers.data?.tiers ?? []).filter((tier) => tier.active);
  const tierError = touched && mode === "pin" && tierId === "" ? "Choose the tier to pin" : undefined;
  const reasonError =
    touched && reason.trim() === "" ? "Give a reason: it is kept in the tier history" : undefined;
  const untilError =
    touched && until !== "" && until < todayLocal() ? "Choose today or a later day" : undefined;
  const fieldErrors = apiFieldErrors(mutation.error);
  const problem =
    mutation.error && Object.keys(fieldErrors).length === 0 ? describeApiError(mutation.error) : null;

  const close = () => {
    setReason("");
    setUntil("");
    setTouched(false);
    submission.current = null;
    pin.reset();
    unpin.reset();
    onClose();
  };

  const onSuccess = (result: { outcome: string; tier: { name: string } | null }) => {
    void queryClient.invalidateQueries({ queryKey: trpc.admin.customers.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.admin.tiers.pathKey() });
    toast(
      mode === "pin"
        ? `Tier pinned: ${result.tier?.name ?? "no tier"}`
        : `Tier unpinned: now ${result.tier?.name ?? "no tier"}`,
    );
    close();
  };

  const submit = () => {
    setTouched(true);
    if (reason.trim() === "" || (mode === "pin" && (tierId === "" || (until !== "" && until < todayLocal()))))
      return;
    const fingerprint = JSON.stringify([mode, tierId, reason.trim(), until]);
    if (submission.current?.fingerprint !== fingerprint)
      submission.current = { fingerprint, key: newRequestKey(mode) };
    const requestKey = submission.current.key;
    if (mode === "pin") {
      pin.mutate(
        {
          customerId,
          tierId: tierId === NO_TIER ? null : Number(tierId),
          // The end of the chosen day, in the merchant's time zone.
          until: until ? new Date(`${until}T23:59:59`).toISOString() : null,
          reason: reason.trim(),
          requestKey,
        },
        { onSuccess },
      );
    } else {
      unpin.mutate({ customerId, reason: reason.trim(), requestKey }, { onSuccess });
    }
  };

  return (
    <Modal
      open={open}
      onClose={close}
      title={mode === "pin" ? "Pin a tier" : "Unpin tier"}
      primaryAction={{
        content: mode === "pin" ? "Pin tier" : "Unpin tier",
        onAction: submit,
        loading: mutation.isPending,
        destructive: mode === "unpin",
      }}
      secondaryActions={[{ content: "Cancel", onAction: close, disabled: mutation.isPending }]}
    >
      <Modal.Section>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <BlockStack gap="400">
            {problem ? (
              <Banner tone="critical" title={problem.title}>
                <BlockStack gap="100">
                  {problem.detail ? <Text as="p">{problem.detail}</Text> : null}
                  <Text as="p">{problem.action}</Text>
                </BlockStack>
              </Banner>
            ) : null}
            <Text as="p" tone="subdued">
              {mode === "pin"
                ? "A pinned tier stays whatever the customer spends or earns, until the end date or until you unpin it."
                : "The customer moves at once to the highest tier they qualify for."}
            </Text>
            <FormLayout>
              {mode === "pin" ? (
                <Select
                  label="Tier"
                  options={[
                    { label: "Choose a tier", value: "", disabled: true },
                    ...activeTiers.map((tier) => ({ label: tier.name, value: String(tier.id) })),
                    { label: "No tier", value: NO_TIER },
                  ]}
                  value={tierId}
                  onChange={setTierId}
                  error={tierError ?? fieldErrors.tierId}
                />
              ) : null}
              <TextField
                label="Reason"
                autoComplete="off"
                value={reason}
                onChange={setReason}
                maxLength={500}
                helpText={mode === "pin" ? "For example: VIP partner, agreed with the owner" : undefined}
                error={reasonError ?? fieldErrors.reason}
              />
              {mode === "pin" ? (
                <TextField
                  label="Last day of the pin (optional)"
                  type="date"
                  autoComplete="off"
                  value={until}
                  onChange={setUntil}
                  min={todayLocal()}
                  helpText={
                    until
                      ? `The pin ends after ${formatDate(`${until}T12:00:00`)}.`
                      : "Leave empty to keep the tier until you unpin it."
                  }
                  error={untilError ?? fieldErrors.until}
                />
              ) : null}
            </FormLayout>
            <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
          </BlockStack>
        </form>
      </Modal.Section>
    </Modal>
  );
}
