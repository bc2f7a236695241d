"use client";
import { Banner, BlockStack, FormLayout, Modal, Select, Text, TextField } from "@shopify/polaris";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { apiFieldErrors, describeApiError, httpStatusOf } from "../../lib/api-errors";
import { formatNumber } from "../../lib/format";
import { newRequestKey } from "../../lib/request-key";
import { useTRPC } from "../../lib/trpc";
import { useToast } from "../toast";

/**
 * Adds or removes points with a required reason. One submission carries one request key: a retry
 * after a network failure replays under the same key (never applied twice); any edit makes a new one.
 */
export function AdjustPointsModal({
  customerId,
  available,
  open,
  onClose,
}: {
  customerId: number;
  available: number;
  open: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [direction, setDirection] = useState<"add" | "remove">("add");
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [touched, setTouched] = useState(false);
  const submission = useRef<{ fingerprint: string; key: string } | null>(null);
  const adjust = useMutation(trpc.admin.customers.adjustPoints.mutationOptions());

  const parsed = /^\d{1,8}$/.test(amount.trim()) ? Number(amount.trim()) : NaN;
  const amountError = !touched
    ? undefined
    : !Number.isInteger(parsed) || parsed <= 0
      ? "Enter a whole number of points above zero"
      : direction === "remove" && parsed > available
        ? `This customer has ${formatNumber(available)} points available`
        : undefined;
  const reasonError =
    touched && reason.trim() === "" ? "Give a reason: it is kept in the points history" : undefined;
  const fieldErrors = apiFieldErrors(adjust.error);
  const refusal =
    adjust.error && Object.keys(fieldErrors).length === 0 ? describeApiError(adjust.error) : null;

  const reset = () => {
    setDirection("add");
    setAmount("");
    setReason("");
    setTouched(false);
    submission.current = null;
    adjust.reset();
  };
  const close = () => {
    reset();
    onClose();
  };

  const submit = () => {
    setTouched(true);
    const valid =
      Number.isInteger(parsed) &&
      parsed > 0 &&
      !(direction === "remove" && parsed > available) &&
      reason.trim() !== "";
    if (!valid) return;
    const points = direction === "add" ? parsed : -parsed;
    const fingerprint = JSON.stringify([points, reason.trim()]);
    if (submission.current?.fingerprint !== fingerprint)
      submission.current = { fingerprint, key: newRequestKey("adjust") };
    adjust.mutate(
      { customerId, points, reason: reason.trim(), requestKey: submission.current.key },
      {
        onSuccess: (result) => {
          void queryClient.invalidateQueries({ queryKey: trpc.admin.customers.pathKey() });
          toast(
            result.outcome === "duplicate"
              ? "This adjustment was already recorded"
              : `${points > 0 ? "Added" : "Removed"} ${formatNumber(Math.abs(points))} points`,
          );
          close();
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      onClose={close}
      title="Adjust points"
      primaryAction={{ content: "Save adjustment", onAction: submit, loading: adjust.isPending }}
      secondaryActions={[{ content: "Cancel", onAction: close, disabled: adjust.isPending }]}
    >
      <Modal.Section>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <BlockStack gap="400">
            {refusal ? (
              <Banner
                tone="critical"
                title={httpStatusOf(adjust.error) === 422 ? "These points can't be removed" : refusal.title}
              >
                <BlockStack gap="100">
                  {refusal.detail ? <Text as="p">{refusal.detail}</Text> : null}
                  <Text as="p">{refusal.action}</Text>
                </BlockStack>
              </Banner>
            ) : null}
            <Text as="p" tone="subdued">
              Available now: {formatNumber(available)} points. The adjustment is recorded in the points
              history with your reason.
            </Text>
            <FormLayout>
              <FormLayout.Group condensed>
                <Select
                  label="Action"
                  options={[
                    { label: "Add points", value: "add" },
                    { label: "Remove points", value: "remove" },
                  ]}
                  value={direction}
                  onChange={(value) => setDirection(value as "add" | "remove")}
                />
                <TextField
                  label="Points"
                  type="number"
                  min={1}
                  autoComplete="off"
                  value={amount}
                  onChange={setAmount}
                  error={amountError ?? fieldErrors.points}
                />
              </FormLayout.Group>
              <TextField
                label="Reason"
                autoComplete="off"
                value={reason}
                onChange={setReason}
                maxLength={500}
                multiline={2}
                helpText="For example: goodwill for a delayed delivery"
                error={reasonError ?? fieldErrors.reason}
              />
            </FormLayout>
            <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
          </BlockStack>
        </form>
      </Modal.Section>
    </Modal>
  );
}
