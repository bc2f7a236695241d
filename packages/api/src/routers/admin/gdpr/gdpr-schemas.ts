import { schema } from "@loyalnest/db";
import { z } from "zod";
import { toIso, toIsoOrNull } from "../../../schemas";
import type { GdprRequestRow } from "../../../services/admin-gdpr";

export const gdprKindSchema = z.enum(schema.gdprRequestKind.enumValues);
export const gdprStatusSchema = z.enum(schema.gdprRequestStatus.enumValues);

export const gdprRequestSchema = z.object({
  id: z.number().int(),
  kind: gdprKindSchema,
  status: gdprStatusSchema,
  shopifyCustomerId: z.string().nullable(),
  customerId: z.number().int().nullable(),
  /** Shopify order ids the request names. */
  ordersRequested: z.array(z.string()),
  lastError: z.string().nullable(),
  receivedAt: z.string(),
  completedAt: z.string().nullable(),
  /** A completed data request: its export can be downloaded. */
  hasExport: z.boolean(),
});

export const toGdprRequest = (r: GdprRequestRow): z.infer<typeof gdprRequestSchema> => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  shopifyCustomerId: r.shopifyCustomerId === null ? null : String(r.shopifyCustomerId),
  customerId: r.customerId,
  ordersRequested: r.ordersRequested,
  lastError: r.lastError,
  receivedAt: toIso(r.receivedAt),
  completedAt: toIsoOrNull(r.completedAt),
  hasExport: r.hasExport,
});
