"use client";
import { Banner, BlockStack, Tabs } from "@shopify/polaris";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { httpStatusOf } from "../../lib/api-errors";
import { useTRPC } from "../../lib/trpc";
import { AdminPage } from "../admin-page";
import { ErrorBanner } from "../error-banner";
import { SaveBar } from "../save-bar";
import { CardSkeleton } from "../skeletons";
import { useToast } from "../toast";
import { AuditTab } from "./audit-tab";
import { BrandingTab } from "./branding-tab";
import { GdprTab } from "./gdpr-tab";
import { GeneralTab } from "./general-tab";
import { LanguagesTab } from "./languages-tab";
import { NotificationsTab } from "./notifications-tab";
import { OperationsTab } from "./operations-tab";
import { PlanTab } from "./plan-tab";
import { draftErrors, draftFrom, isDirty, patchFrom, type ProgrammeDraft } from "./programme-draft";
import { RfmTab } from "./rfm-tab";

const TABS = [
  { id: "general", content: "General" },
  { id: "branding", content: "Branding" },
  { id: "languages", content: "Languages" },
  { id: "notifications", content: "E-mails" },
  { id: "rfm", content: "RFM" },
  { id: "gdpr", content: "GDPR" },
  { id: "operations", content: "Operations" },
  { id: "audit", content: "Audit log" },
  { id: "plan", content: "Plan" },
] as const;
type TabId = (typeof TABS)[number]["id"];
const PROGRAMME_TABS: TabId[] = ["general", "branding", "languages", "notifications"];

/**
 * Settings: the programme settings (General, Branding, Languages, Notifications share one draft and
 * one save bar, so changes on several tabs save together), RFM scoring, GDPR requests, operations,
 * the audit log and the plans.
 */
export function SettingsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [selected, setSelected] = useState(0);
  const tab = TABS[selected]!.id;
  const settings = useQuery(trpc.admin.settings.get.queryOptions());
  const [edit, setEdit] = useState<{ version: number; draft: ProgrammeDraft } | null>(null);
  const save = useMutation(
    trpc.admin.settings.update.mutationOptions({
      onSuccess: ({ settings: saved, changed }) => {
        queryClient.setQueryData(trpc.admin.settings.get.queryKey(), saved);
        setEdit(null);
        toast(changed.length === 0 ? "Nothing to save" : "Settings saved");
      },
    }),
  );

  const data = settings.data;
  const draft = data ? (edit && edit.version === data.configVersion ? edit.draft : draftFrom(data)) : null;
  const change = (patch: Partial<ProgrammeDraft>) => {
    if (!data || !draft) return;
    setEdit({ version: data.configVersion, draft: { ...draft, ...patch } });
  };
  const dirty = Boolean(data && draft && isDirty(draft, data));
  const errors = draft ? draftErrors(draft) : {};
  const invalid = Object.values(errors).some(Boolean);
  const conflict = save.isError && httpStatusOf(save.error) === 409;

  let body;
  if (PROGRAMME_TABS.includes(tab)) {
    if (settings.isPending) body = <CardSkeleton lines={8} />;
    else if (settings.isError || !data || !draft)
      body = (
        <ErrorBanner
          error={settings.error}
          onRetry={() => void settings.refetch()}
          context="your programme settings"
        />
      );
    else
      body =
        tab === "general" ? (
          <GeneralTab settings={data} draft={draft} errors={errors} onChange={change} />
        ) : tab === "branding" ? (
          <BrandingTab draft={draft} errors={errors} onChange={change} />
        ) : tab === "languages" ? (
          <LanguagesTab draft={draft} errors={errors} onChange={change} />
        ) : (
          <NotificationsTab draft={draft} onChange={change} />
        );
  } else
    body =
      tab === "rfm" ? (
        <RfmTab />
      ) : tab === "gdpr" ? (
        <GdprTab />
      ) : tab === "operations" ? (
        <OperationsTab />
      ) : tab === "audit" ? (
        <AuditTab />
      ) : (
        <PlanTab />
      );

  return (
    <AdminPage title="Settings" subtitle="Your programme, widget, languages, data requests and plan">
      <SaveBar
        open={dirty}
        saving={save.isPending}
        saveDisabled={invalid}
        message="Unsaved programme settings"
        onSave={() => {
          if (data && draft && !invalid) save.mutate(patchFrom(draft, data));
        }}
        onDiscard={() => {
          setEdit(null);
          save.reset();
        }}
      />
      <BlockStack gap="400">
        <Tabs
          tabs={TABS.map(({ id, content }) => ({
            id: `settings-${id}`,
            content,
            panelID: `settings-${id}-panel`,
          }))}
          selected={selected}
          onSelect={setSelected}
          disclosureText="More sections"
        />
        {conflict ? (
          <Banner
            tone="warning"
            title="These settings were changed somewhere else"
            action={{
              content: "Load the latest settings",
              onAction: () => {
                save.reset();
                setEdit(null);
                void settings.refetch();
              },
            }}
          >
            <p>
              Someone saved settings after you opened this page. Load the latest, then make your changes
              again.
            </p>
          </Banner>
        ) : save.isError ? (
          <ErrorBanner error={save.error} />
        ) : null}
        {dirty && invalid && !PROGRAMME_TABS.includes(tab) ? (
          <Banner tone="warning" title="Some programme settings need fixing before you can save">
            <p>Open the General, Branding or Languages tab to correct the highlighted fields.</p>
          </Banner>
        ) : null}
        <div id={`settings-${tab}-panel`} role="tabpanel" aria-labelledby={`settings-${tab}`}>
          {body}
        </div>
      </BlockStack>
    </AdminPage>
  );
}
