"use client";
import {
  BlockStack,
  Box,
  Button,
  Card,
  ChoiceList,
  DataTable,
  Form,
  InlineStack,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { LOCALES, type Locale, type ProgrammeDraft } from "./programme-draft";

/** Widget strings merchants most often reword, with their English text (the widget's en catalogue). */
const STRINGS: { key: string; label: string; english: string }[] = [
  { key: "launcher.label", label: "Launcher button", english: "Rewards" },
  { key: "panel.title", label: "Panel title", english: "Rewards" },
  { key: "panel.guest.title", label: "Guest heading", english: "Join our rewards programme" },
  {
    key: "panel.guest.body",
    label: "Guest message",
    english: "Earn points on every order and turn them into rewards.",
  },
  { key: "panel.guest.register", label: "Create account button", english: "Create an account" },
  { key: "panel.status.join", label: "Join button", english: "Join now" },
  { key: "panel.status.joined", label: "Joined message", english: "Welcome to the programme!" },
  { key: "panel.balance.title", label: "Balance heading", english: "Your balance" },
  { key: "panel.earn.title", label: "Ways to earn heading", english: "Ways to earn" },
  { key: "panel.rewards.title", label: "Rewards heading", english: "Rewards" },
  { key: "panel.rewards.empty", label: "No rewards message", english: "No rewards are available yet." },
  { key: "panel.rewards.redeem", label: "Redeem button", english: "Redeem" },
];
const labelOf = (key: string) => STRINGS.find((s) => s.key === key)?.label ?? key;

/** Enabled widget languages, and the merchant's own wording for any string, per language. */
export function LanguagesTab({
  draft,
  errors,
  onChange,
}: {
  draft: ProgrammeDraft;
  errors: Partial<Record<string, string>>;
  onChange: (patch: Partial<ProgrammeDraft>) => void;
}) {
  const [locale, setLocale] = useState<Locale>(draft.enabledLocales[0] ?? "en");
  const [key, setKey] = useState(STRINGS[0]!.key);
  const [text, setText] = useState("");
  const [textError, setTextError] = useState<string | undefined>();
  const current = draft.overrides[locale] ?? {};
  const setOverrides = (strings: Record<string, string>) =>
    onChange({ overrides: { ...draft.overrides, [locale]: strings } });

  const add = () => {
    if (text.trim() === "") {
      setTextError("Enter the text to show instead.");
      return;
    }
    setOverrides({ ...current, [key]: text.trim() });
    setText("");
    setTextError(undefined);
  };

  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Languages
          </Text>
          <ChoiceList
            title="Languages the widget is shown in"
            allowMultiple
            choices={LOCALES.map((l) => ({ label: l.label, value: l.id }))}
            selected={draft.enabledLocales}
            onChange={(selected) =>
              onChange({ enabledLocales: LOCALES.map((l) => l.id).filter((id) => selected.includes(id)) })
            }
            error={errors.languages}
          />
          <Text as="p" tone="subdued">
            Shoppers see the widget in their storefront language when it is enabled here, and in English
            otherwise.
          </Text>
        </BlockStack>
      </Card>

      <Card>
        <BlockStack gap="400">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              Your wording
            </Text>
            <Text as="p" tone="subdued">
              Replace any of the widget&apos;s texts with your own, for each language.
            </Text>
          </BlockStack>
          <Box maxWidth="320px">
            <Select
              label="Language"
              options={LOCALES.map((l) => ({ label: l.label, value: l.id }))}
              value={locale}
              onChange={(value) => setLocale(value as Locale)}
            />
          </Box>
          {Object.keys(current).length === 0 ? (
            <Text as="p" tone="subdued">
              No texts reworded in {LOCALES.find((l) => l.id === locale)?.label}: the widget uses its own
              translations.
            </Text>
          ) : (
            <DataTable
              columnContentTypes={["text", "text", "text"]}
              headings={["Text", "Your wording", ""]}
              rows={Object.entries(current).map(([k, v]) => [
                labelOf(k),
                v,
                <Button
                  key={k}
                  variant="plain"
                  tone="critical"
                  accessibilityLabel={`Remove your wording for ${labelOf(k)}`}
                  onClick={() => {
                    const { [k]: _removed, ...rest } = current;
                    setOverrides(rest);
                  }}
                >
                  Remove
                </Button>,
              ])}
            />
          )}
          <Form onSubmit={add}>
            <InlineStack gap="200" blockAlign="end" wrap>
              <Box minWidth="220px">
                <Select
                  label="Text to reword"
                  options={STRINGS.map((s) => ({ label: s.label, value: s.key }))}
                  value={key}
                  onChange={setKey}
                />
              </Box>
              <Box minWidth="220px">
                <TextField
                  label="Your wording"
                  value={text}
                  onChange={(value) => {
                    setText(value);
                    setTextError(undefined);
                  }}
                  placeholder={locale === "en" ? STRINGS.find((s) => s.key === key)?.english : undefined}
                  maxLength={500}
                  error={textError}
                  autoComplete="off"
                />
              </Box>
              <Button submit>{current[key] ? "Replace wording" : "Add wording"}</Button>
            </InlineStack>
          </Form>
        </BlockStack>
      </Card>
    </BlockStack>
  );
}
