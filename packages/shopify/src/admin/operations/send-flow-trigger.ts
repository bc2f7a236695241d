import { z } from "zod";
import type { AdminGraphqlClient } from "../graphql-client";
import { MUTATION_COST, runOperation, toMutationResult } from "../run-operation";
import { type MutationResult, userErrorsSchema } from "../user-errors";

/** Shopify Flow refuses trigger payloads of 50,000 bytes or more. */
export const MAX_FLOW_PAYLOAD_BYTES = 50_000;

export const FLOW_TRIGGER_RECEIVE = /* GraphQL */ `
  mutation FlowTriggerReceive($handle: String!, $payload: JSON!) {
    flowTriggerReceive(handle: $handle, payload: $payload) {
      userErrors {
        field
        message
      }
    }
  }
`;

const payloadSchema = z.object({
  flowTriggerReceive: z.object({ userErrors: userErrorsSchema }),
});

export class FlowPayloadTooLargeError extends Error {
  override name = "FlowPayloadTooLargeError";
}

/**
 * Fires a LoyalNest Flow trigger (e.g. "tier changed"). Not retried after an ambiguous failure,
 * since a duplicate would run the merchant's workflow twice.
 */
export async function sendFlowTrigger(
  client: AdminGraphqlClient,
  shop: string,
  handle: string,
  payload: Record<string, unknown>,
): Promise<MutationResult<{ handle: string }>> {
  const size = Buffer.byteLength(JSON.stringify(payload), "utf8");
  if (size >= MAX_FLOW_PAYLOAD_BYTES) {
    throw new FlowPayloadTooLargeError(
      `Flow payload is ${size} bytes; the limit is < ${MAX_FLOW_PAYLOAD_BYTES}`,
    );
  }
  const data = await runOperation(client, {
    shop,
    operationName: "FlowTriggerReceive",
    query: FLOW_TRIGGER_RECEIVE,
    variables: { handle, payload },
    schema: payloadSchema,
    estimatedCost: MUTATION_COST,
    idempotent: false,
  });
  return toMutationResult(data.flowTriggerReceive, () => ({ handle }), shop, "FlowTriggerReceive");
}
