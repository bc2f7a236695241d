import { z } from "zod";
import { customerResourceSchema } from "./orders";
import { shopifyIdSchema } from "./shared";

/**
 * `customers/create` and `customers/update` carry the customer resource: identity and PII (which
 * LoyalNest encrypts at once), tags, marketing consent, `verified_email` (guest orders are only
 * credited to a verified address) and the timestamps that order concurrent updates.
 */
export const customerPayloadSchema = customerResourceSchema;
export type CustomerPayload = z.output<typeof customerPayloadSchema>;

/** `customers/delete` says only which customer went away. */
export const customerDeletePayloadSchema = z.object({ id: shopifyIdSchema });
export type CustomerDeletePayload = z.output<typeof customerDeletePayloadSchema>;
