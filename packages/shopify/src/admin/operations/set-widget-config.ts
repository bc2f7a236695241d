import { z } from "zod";
import type { AdminGraphqlClient } from "../graphql-client";
import { MUTATION_COST, runOperation, toMutationResult } from "../run-operation";
import { type MutationResult, userErrorsSchema } from "../user-errors";
import { METAFIELDS_SET, type SetMetafield } from "./set-customer-loyalty-metafields";

/**
 * The storefront widget's settings (branding, languages) as an app-data metafield: owned by the
 * app installation, so the theme app extension's Liquid reads them without calling LoyalNest
 * (`app.metafields.loyalnest.widget_config.value`).
 */
export const WIDGET_CONFIG_NAMESPACE = "loyalnest";
export const WIDGET_CONFIG_KEY = "widget_config";

export const CURRENT_APP_INSTALLATION = /* GraphQL */ `
  query CurrentAppInstallation {
    currentAppInstallation {
      id
    }
  }
`;

const installationSchema = z.object({ currentAppInstallation: z.object({ id: z.string() }) });

const payloadSchema = z.object({
  metafieldsSet: z.object({
    metafields: z
      .array(z.object({ key: z.string(), namespace: z.string(), value: z.string(), type: z.string() }))
      .nullish(),
    userErrors: userErrorsSchema,
  }),
});

/** Writes the widget settings (any JSON-serialisable object) to the app installation's metafield. */
export async function setWidgetConfigMetafield(
  client: AdminGraphqlClient,
  shop: string,
  config: Record<string, unknown>,
): Promise<MutationResult<SetMetafield[]>> {
  const installation = await runOperation(client, {
    shop,
    operationName: "CurrentAppInstallation",
    query: CURRENT_APP_INSTALLATION,
    variables: {},
    schema: installationSchema,
    estimatedCost: 1,
  });
  const data = await runOperation(client, {
    shop,
    operationName: "MetafieldsSet",
    query: METAFIELDS_SET,
    variables: {
      metafields: [
        {
          ownerId: installation.currentAppInstallation.id,
          namespace: WIDGET_CONFIG_NAMESPACE,
          key: WIDGET_CONFIG_KEY,
          type: "json",
          value: JSON.stringify(config),
        },
      ],
    },
    schema: payloadSchema,
    estimatedCost: MUTATION_COST,
    idempotent: true,
  });
  return toMutationResult(data.metafieldsSet, (p) => p.metafields ?? null, shop, "MetafieldsSet");
}
