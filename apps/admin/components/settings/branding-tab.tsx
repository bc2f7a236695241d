"use client";
import { Banner, BlockStack, Box, Card, InlineGrid, Select, Text, TextField } from "@shopify/polaris";
import { contrastRatio, HEX_COLOUR, type ProgrammeDraft } from "./programme-draft";

/** The widget's colours, launcher text and position, with a live preview of the launcher. */
export function BrandingTab({
  draft,
  errors,
  onChange,
}: {
  draft: ProgrammeDraft;
  errors: Partial<Record<string, string>>;
  onChange: (patch: Partial<ProgrammeDraft>) => void;
}) {
  const b = draft.branding;
  const set = (patch: Partial<ProgrammeDraft["branding"]>) => onChange({ branding: { ...b, ...patch } });
  const valid = HEX_COLOUR.test(b.primaryColor) && HEX_COLOUR.test(b.accentColor);
  const ratio = valid ? contrastRatio(b.primaryColor, b.accentColor) : null;
  return (
    <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
      <Card>
        <BlockStack gap="400">
          <Text as="h2" variant="headingMd">
            Widget branding
          </Text>
          <ColourField
            label="Button colour"
            helpText="The launcher and the panel's buttons and header."
            value={b.primaryColor}
            error={errors.primaryColor}
            onChange={(primaryColor) => set({ primaryColor })}
          />
          <ColourField
            label="Text colour on buttons"
            helpText="Text and icons drawn on the button colour."
            value={b.accentColor}
            error={errors.accentColor}
            onChange={(accentColor) => set({ accentColor })}
          />
          <TextField
            label="Launcher text"
            value={b.launcherText}
            onChange={(launcherText) => set({ launcherText })}
            maxLength={40}
            showCharacterCount
            error={errors.launcherText}
            helpText="Shown on the button in every language unless you override it under Languages."
            autoComplete="off"
          />
          <Select
            label="Launcher position"
            options={[
              { label: "Bottom right", value: "bottom_right" },
              { label: "Bottom left", value: "bottom_left" },
            ]}
            value={b.launcherPosition}
            onChange={(value) =>
              set({ launcherPosition: value as ProgrammeDraft["branding"]["launcherPosition"] })
            }
          />
          {ratio !== null && ratio < 4.5 ? (
            <Banner tone="warning" title="The text may be hard to read">
              <p>
                The contrast between the two colours is {ratio.toFixed(1)}:1. Choose colours with at least
                4.5:1 so every shopper can read the button.
              </p>
            </Banner>
          ) : null}
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Preview
          </Text>
          <LauncherPreview branding={b} />
          <Text as="p" variant="bodySm" tone="subdued">
            How the launcher appears in the corner of your storefront. Changes reach your store when you save.
          </Text>
        </BlockStack>
      </Card>
    </InlineGrid>
  );
}

function ColourField({
  label,
  helpText,
  value,
  error,
  onChange,
}: {
  label: string;
  helpText: string;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      label={label}
      value={value}
      onChange={(v) => onChange(v.trim())}
      prefix={
        <span
          aria-hidden="true"
          style={{
            display: "inline-block",
            width: 20,
            height: 20,
            borderRadius: 4,
            border: "1px solid rgba(0,0,0,.3)",
            background: HEX_COLOUR.test(value) ? value : "transparent",
            verticalAlign: "middle",
          }}
        />
      }
      maxLength={7}
      helpText={`${helpText} A hex colour like #5c6ac4.`}
      error={error}
      autoComplete="off"
    />
  );
}

/** A storefront corner with the launcher as the widget draws it (launcher.ts: pill, gift icon, text). */
export function LauncherPreview({ branding }: { branding: ProgrammeDraft["branding"] }) {
  const primary = HEX_COLOUR.test(branding.primaryColor) ? branding.primaryColor : "#5c6ac4";
  const accent = HEX_COLOUR.test(branding.accentColor) ? branding.accentColor : "#ffffff";
  const left = branding.launcherPosition === "bottom_left";
  return (
    <Box background="bg-surface-secondary" borderRadius="200" borderColor="border" borderWidth="025">
      <div
        data-testid="launcher-preview-stage"
        style={{ position: "relative", height: 200, overflow: "hidden", borderRadius: 8 }}
      >
        <div aria-hidden="true" style={{ padding: 16, display: "grid", gap: 8 }}>
          <div style={{ height: 12, width: "40%", background: "#d4d4d4", borderRadius: 4 }} />
          <div style={{ height: 10, width: "85%", background: "#e3e3e3", borderRadius: 4 }} />
          <div style={{ height: 10, width: "70%", background: "#e3e3e3", borderRadius: 4 }} />
        </div>
        <div
          data-testid="launcher-preview"
          data-position={branding.launcherPosition}
          role="img"
          aria-label={`Launcher preview: “${branding.launcherText}” at the bottom ${left ? "left" : "right"}`}
          style={{
            position: "absolute",
            bottom: 16,
            ...(left ? { left: 16 } : { right: 16 }),
            display: "flex",
            alignItems: "center",
            gap: 8,
            minHeight: 44,
            maxWidth: "calc(100% - 32px)",
            padding: "10px 18px",
            borderRadius: 999,
            background: primary,
            color: accent,
            fontSize: 15,
            fontWeight: 600,
            lineHeight: 1.2,
            boxShadow: "0 4px 16px rgba(0,0,0,.22)",
          }}
        >
          <svg
            aria-hidden="true"
            width="20"
            height="20"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
            strokeLinejoin="round"
          >
            <path d="M20 12v10H4V12M2 7h20v5H2zM12 22V7M12 7H7.5a2.5 2.5 0 1 1 0-5C11 2 12 7 12 7zM12 7h4.5a2.5 2.5 0 1 0 0-5C13 2 12 7 12 7z" />
          </svg>
          <span style={{ overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>
            {branding.launcherText || "Rewards"}
          </span>
        </div>
      </div>
    </Box>
  );
}
