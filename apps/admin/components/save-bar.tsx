"use client";
import { SaveBar as AppBridgeSaveBar } from "@shopify/app-bridge-react";
import { ContextualSaveBar } from "@shopify/polaris";
import { useId } from "react";
import { useEmbedding } from "./providers";

export interface SaveBarProps {
  /** Show the bar: the form has unsaved changes. */
  open: boolean;
  onSave: () => void;
  onDiscard: () => void;
  /** The save is in flight: the Save button shows a spinner and both buttons are disabled. */
  saving?: boolean;
  /** Save is not possible yet (e.g. a required field is empty). */
  saveDisabled?: boolean;
  /** What the bar says; default "Unsaved changes". */
  message?: string;
}

// App Bridge reads `variant` and `loading` as plain attributes of the buttons it hooks into.
const PRIMARY = { variant: "primary" } as Record<string, string>;
const LOADING = { loading: "" } as Record<string, string>;

/**
 * The bar that appears while a form has unsaved changes, with Save and Discard. In Shopify it is
 * App Bridge's `<ui-save-bar>` (drawn in Shopify's own chrome, above the app); in the stand-in's dev
 * frame it is Polaris's ContextualSaveBar (inside the Polaris Frame the shell draws).
 *
 * `<SaveBar open={dirty} saving={mutation.isPending} onSave={save} onDiscard={reset} />`
 */
export function SaveBar({
  open,
  onSave,
  onDiscard,
  saving = false,
  saveDisabled = false,
  message = "Unsaved changes",
}: SaveBarProps) {
  const { mode } = useEmbedding();
  const id = `save-bar-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  if (mode === "app-bridge") {
    return (
      <AppBridgeSaveBar id={id} open={open}>
        <button {...PRIMARY} {...(saving ? LOADING : {})} disabled={saveDisabled || saving} onClick={onSave}>
          Save
        </button>
        <button disabled={saving} onClick={onDiscard}>
          Discard
        </button>
      </AppBridgeSaveBar>
    );
  }
  if (!open) return null;
  return (
    <ContextualSaveBar
      message={message}
      saveAction={{ content: "Save", onAction: onSave, loading: saving, disabled: saveDisabled }}
      discardAction={{ content: "Discard", onAction: onDiscard, disabled: saving }}
    />
  );
}
