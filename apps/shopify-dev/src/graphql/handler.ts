import type { ResolverContext } from "./context";
import { GraphQLUserFacingError } from "./errors";
import type { GraphQLError, Projection } from "./execute";
import { collectFields, project, requestedCost, validate } from "./execute";
import type { Document, Operation } from "./parse";
import { evaluateArgs, GraphQLSyntaxError, parse } from "./parse";
import { MUTATION_RESOLVERS } from "./mutations";
import { QUERY_RESOLVERS } from "./queries";

/** One Admin GraphQL request: parse, validate, price against the shop's bucket, execute, project. */
export interface GraphQLRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

const MAX_QUERY_COST = 1000;
const MUTATION_COST = 10;

export function executeGraphQL(request: GraphQLRequest, ctx: ResolverContext): Record<string, unknown> {
  const bucket = ctx.shop.bucket;
  const cost = (requested: number, actual: number | null) => ({
    cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status() },
  });
  if (typeof request.query !== "string" || request.query.trim() === "") {
    return { errors: [{ message: "No query string was present" }], extensions: cost(0, 0) };
  }
  let document: Document;
  try {
    document = parse(request.query);
  } catch (error) {
    if (!(error instanceof GraphQLSyntaxError)) throw error;
    return {
      errors: [{ message: error.message, locations: [{ line: error.line, column: error.column }] }],
      extensions: cost(0, 0),
    };
  }
  const operation = pickOperation(document, request.operationName);
  if (typeof operation === "string") return { errors: [{ message: operation }], extensions: cost(0, 0) };
  const variables = {
    ...operation.variableDefaults,
    ...(request.variables && typeof request.variables === "object"
      ? (request.variables as Record<string, unknown>)
      : {}),
  };
  const rootType = operation.type === "mutation" ? "Mutation" : "QueryRoot";
  if (operation.type === "subscription")
    return { errors: [{ message: "Subscriptions are not supported" }], extensions: cost(0, 0) };
  const errors = validate(operation.selections, rootType, document.fragments, [operation.type]);
  if (errors.length > 0) return { errors, extensions: cost(0, 0) };

  const rootFields = collectFields(operation.selections, rootType, document.fragments).filter(
    (f) => f.name !== "__typename",
  );
  const requested =
    operation.type === "mutation"
      ? rootFields.length * MUTATION_COST
      : Math.max(1, requestedCost(operation.selections, rootType, document.fragments, variables, true));
  if (requested > MAX_QUERY_COST) {
    return {
      errors: [
        {
          message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n`,
          extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: MAX_QUERY_COST },
        },
      ],
      extensions: cost(requested, null),
    };
  }
  if (!bucket.take(requested)) {
    return {
      errors: [
        {
          message: "Throttled",
          extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
        },
      ],
      extensions: cost(requested, null),
    };
  }
  const { data, errors: execErrors, actual } = run(operation, rootFields, variables, document, ctx);
  const actualCost = operation.type === "mutation" ? requested : Math.max(1, Math.min(requested, actual));
  bucket.refund(requested - actualCost);
  return {
    ...(execErrors.length > 0 ? { errors: execErrors } : {}),
    data,
    extensions: cost(requested, actualCost),
  };
}

function pickOperation(document: Document, operationName: unknown): Operation | string {
  if (typeof operationName === "string" && operationName !== "") {
    return (
      document.operations.find((o) => o.name === operationName) ?? `No operation named "${operationName}"`
    );
  }
  if (document.operations.length === 1) return document.operations[0] as Operation;
  return document.operations.length === 0
    ? "No operations in query document"
    : "An operation name is required when sending multiple operations.";
}

function run(
  operation: Operation,
  rootFields: ReturnType<typeof collectFields>,
  variables: Record<string, unknown>,
  document: Document,
  ctx: ResolverContext,
): { data: Record<string, unknown>; errors: GraphQLError[]; actual: number } {
  const resolvers = operation.type === "mutation" ? MUTATION_RESOLVERS : QUERY_RESOLVERS;
  const data: Record<string, unknown> = {};
  const errors: GraphQLError[] = [];
  const meter: Projection = { actualCost: 0 };
  for (const field of rootFields) {
    const key = field.alias ?? field.name;
    const resolver = resolvers[field.name];
    try {
      const value = resolver ? resolver(evaluateArgs(field.args, variables), ctx) : null;
      if (!field.selections) data[key] = value ?? null;
      else {
        if (
          value &&
          typeof value === "object" &&
          !String((value as { __typename?: unknown }).__typename).endsWith("Connection")
        )
          meter.actualCost += 1;
        data[key] = project(value, field.selections, document.fragments, variables, meter);
      }
    } catch (error) {
      data[key] = null;
      errors.push(toGraphQLError(error, field, [key]));
    }
  }
  return { data, errors, actual: meter.actualCost };
}

function toGraphQLError(
  error: unknown,
  field: { line: number; column: number },
  path: string[],
): GraphQLError {
  const locations = [{ line: field.line, column: field.column }];
  if (error instanceof GraphQLUserFacingError)
    return { message: error.message, locations, path, extensions: { code: error.code } };
  console.error("shopify-dev: resolver failed", error);
  return {
    message: "Internal error. Looks like something went wrong on our end.",
    locations,
    path,
    extensions: { code: "INTERNAL_SERVER_ERROR" },
  };
}
