import { schema } from "@loyalnest/db";
import { z } from "zod";
import { shortText, toIso, toIsoOrNull } from "../../../schemas";

/** Output shapes shared by the customer procedures (a customer row as the merchant sees it). */

/**
 * Free text that is stored or compared in Postgres: `shortText` without NUL characters, which
 * Postgres text cannot hold (it would answer with an error instead of the caller's 400).
 */
export const storedText = (max = 500) =>
  shortText(max).refine((text) => !text.includes("\u0000"), "must not contain NUL characters");

export const segmentSchema = z.enum(schema.rfmSegment.enumValues);
export const membershipStatusSchema = z.enum(schema.membershipStatus.enumValues);

export const tierRefSchema = z.object({ id: z.number().int(), name: z.string() });

export const customerSummarySchema = z.object({
  id: z.number().int(),
  shopifyCustomerId: z.string().nullable(),
  email: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  membershipStatus: membershipStatusSchema,
  segment: segmentSchema.nullable(),
  isTombstone: z.boolean(),
  tier: tierRefSchema.nullable(),
  balance: z.object({ available: z.number().int(), pending: z.number().int() }),
});

export const ledgerEntrySchema = z.object({
  id: z.number().int(),
  kind: z.enum(schema.ledgerKind.enumValues),
  amount: z.number().int(),
  status: z.enum(schema.ledgerStatus.enumValues),
  sourceType: z.enum(schema.ledgerSourceType.enumValues),
  sourceId: z.string().nullable(),
  reason: z.string().nullable(),
  actorType: z.enum(schema.actorType.enumValues),
  availableAt: z.string().nullable(),
  occurredAt: z.string(),
  createdAt: z.string(),
});

type LedgerRow = Omit<z.infer<typeof ledgerEntrySchema>, "availableAt" | "occurredAt" | "createdAt"> & {
  availableAt: Date | null;
  occurredAt: Date;
  createdAt: Date;
};

export const toLedgerEntry = (row: LedgerRow): z.infer<typeof ledgerEntrySchema> => ({
  ...row,
  availableAt: toIsoOrNull(row.availableAt),
  occurredAt: toIso(row.occurredAt),
  createdAt: toIso(row.createdAt),
});
