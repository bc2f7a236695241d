import type { z } from "zod";
import { ShopifyResponseShapeError } from "./errors";
import type { AdminGraphqlClient } from "./graphql-client";
import { type MutationResult, refused, succeeded, type UserError } from "./user-errors";

/** The cost Shopify charges a mutation; also our estimate before we have seen it. */
export const MUTATION_COST = 10;

export interface OperationSpec<S extends z.ZodType> {
  shop: string;
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
  schema: S;
  estimatedCost?: number;
  idempotent?: boolean;
}

/** Sends one typed operation and parses `data` with its schema, so callers only ever see checked shapes. */
export async function runOperation<S extends z.ZodType>(
  client: AdminGraphqlClient,
  spec: OperationSpec<S>,
): Promise<z.infer<S>> {
  const response = await client.request({
    shop: spec.shop,
    query: spec.query,
    variables: spec.variables,
    operationName: spec.operationName,
    ...(spec.estimatedCost === undefined ? {} : { estimatedCost: spec.estimatedCost }),
    ...(spec.idempotent === undefined ? {} : { idempotent: spec.idempotent }),
  });
  const parsed = spec.schema.safeParse(response.data);
  if (!parsed.success) {
    throw new ShopifyResponseShapeError(
      `${spec.operationName}: unexpected response shape: ${parsed.error.message.slice(0, 500)}`,
      spec.shop,
    );
  }
  return parsed.data;
}

/** Turns a mutation payload into a typed result: refused with its userErrors, or the picked value. */
export function toMutationResult<P extends { userErrors: UserError[] }, T>(
  payload: P,
  pick: (payload: P) => T | null | undefined,
  shop: string,
  operationName: string,
): MutationResult<T> {
  if (payload.userErrors.length > 0) return refused(payload.userErrors);
  const value = pick(payload);
  if (value === null || value === undefined) {
    throw new ShopifyResponseShapeError(`${operationName}: no userErrors and no result`, shop);
  }
  return succeeded(value);
}
