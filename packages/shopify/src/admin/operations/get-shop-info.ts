import { z } from "zod";
import type { AdminGraphqlClient } from "../graphql-client";
import { runOperation } from "../run-operation";

export const SHOP_INFO_QUERY = /* GraphQL */ `
  query ShopInfo {
    shop {
      id
      name
      email
      myshopifyDomain
      currencyCode
      ianaTimezone
      plan {
        publicDisplayName
        shopifyPlus
        partnerDevelopment
      }
    }
  }
`;

const shopInfoSchema = z.object({
  shop: z.object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullish(),
    myshopifyDomain: z.string(),
    currencyCode: z.string(),
    ianaTimezone: z.string(),
    plan: z
      .object({
        publicDisplayName: z.string().nullish(),
        shopifyPlus: z.boolean().nullish(),
        partnerDevelopment: z.boolean().nullish(),
      })
      .nullish(),
  }),
});

export interface ShopInfo {
  id: string;
  name: string;
  email: string | null;
  myshopifyDomain: string;
  currencyCode: string;
  ianaTimezone: string;
  planName: string | null;
  shopifyPlus: boolean;
  partnerDevelopment: boolean;
}

/** The shop's identity, currency, time zone and plan (the plan sets its API restore rate). */
export async function getShopInfo(client: AdminGraphqlClient, shop: string): Promise<ShopInfo> {
  const data = await runOperation(client, {
    shop,
    operationName: "ShopInfo",
    query: SHOP_INFO_QUERY,
    variables: {},
    schema: shopInfoSchema,
    estimatedCost: 2,
  });
  const s = data.shop;
  return {
    id: s.id,
    name: s.name,
    email: s.email ?? null,
    myshopifyDomain: s.myshopifyDomain,
    currencyCode: s.currencyCode,
    ianaTimezone: s.ianaTimezone,
    planName: s.plan?.publicDisplayName ?? null,
    shopifyPlus: s.plan?.shopifyPlus ?? false,
    partnerDevelopment: s.plan?.partnerDevelopment ?? false,
  };
}
