import type { Document, Field, Selection } from "./parse";
import { evaluateArgs } from "./parse";
import { POSSIBLE_TYPES, SCHEMA } from "./schema";

/**
 * Validation, cost and projection over the stand-in's schema. Resolvers return plain objects (with
 * `__typename`); fields that take arguments are functions of their arguments. Projection then keeps
 * exactly what the query selected, under aliases, as a GraphQL server does.
 */
export interface GraphQLError {
  message: string;
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

export type Fragments = Document["fragments"];

/** Fields a selection set asks for on `typeName`, with fragments flattened. */
export function collectFields(selections: Selection[], typeName: string, fragments: Fragments): Field[] {
  const fields: Field[] = [];
  for (const selection of selections) {
    if (selection.kind === "field") fields.push(selection);
    else if (selection.kind === "inline") {
      if (appliesTo(selection.typeCondition, typeName))
        fields.push(...collectFields(selection.selections, typeName, fragments));
    } else {
      const fragment = fragments.get(selection.name);
      if (fragment && appliesTo(fragment.typeCondition, typeName))
        fields.push(...collectFields(fragment.selections, typeName, fragments));
    }
  }
  return fields;
}

function appliesTo(condition: string | undefined, typeName: string): boolean {
  if (!condition || condition === typeName) return true;
  return (POSSIBLE_TYPES[condition] ?? []).includes(typeName);
}

export function validate(
  selections: Selection[],
  typeName: string,
  fragments: Fragments,
  path: string[],
): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const fields = SCHEMA[typeName] ?? {};
  for (const selection of selections) {
    if (selection.kind === "spread") {
      const fragment = fragments.get(selection.name);
      if (!fragment) {
        errors.push({ message: `Fragment ${selection.name} was used, but not defined`, path });
        continue;
      }
      errors.push(
        ...validate(fragment.selections, fragment.typeCondition, fragments, [
          ...path,
          `... ${selection.name}`,
        ]),
      );
      continue;
    }
    if (selection.kind === "inline") {
      const target = selection.typeCondition ?? typeName;
      if (!SCHEMA[target]) {
        errors.push({ message: `No such type ${target}, so it can't be a fragment condition`, path });
        continue;
      }
      errors.push(...validate(selection.selections, target, fragments, [...path, `... on ${target}`]));
      continue;
    }
    errors.push(...validateField(selection, typeName, fields, fragments, path));
  }
  return errors;
}

function validateField(
  field: Field,
  typeName: string,
  fields: Record<string, string | null>,
  fragments: Fragments,
  path: string[],
): GraphQLError[] {
  const here = [...path, field.alias ?? field.name];
  const locations = [{ line: field.line, column: field.column }];
  if (field.name === "__typename") return [];
  if (!(field.name in fields)) {
    return [
      {
        message: `Field '${field.name}' doesn't exist on type '${typeName}'`,
        locations,
        path: here,
        extensions: { code: "undefinedField", typeName, fieldName: field.name },
      },
    ];
  }
  const fieldType = fields[field.name] ?? null;
  if (fieldType === null) {
    if (!field.selections) return [];
    return [
      {
        message: `Selections can't be made on scalars (field '${field.name}' returns a scalar but has selections [${field.selections.length}])`,
        locations,
        path: here,
        extensions: { code: "selectionMismatch", nodeName: `field '${field.name}'`, typeName: "scalar" },
      },
    ];
  }
  if (!field.selections) {
    return [
      {
        message: `Field must have selections (field '${field.name}' returns ${fieldType} but has no selections. Did you mean '${field.name} { ... }'?)`,
        locations,
        path: here,
        extensions: { code: "selectionMismatch", nodeName: `field '${field.name}'`, typeName: fieldType },
      },
    ];
  }
  return validate(field.selections, fieldType, fragments, here);
}

function isConnection(typeName: string): boolean {
  return typeName.endsWith("Connection");
}

/** Shopify's calculated cost, simplified: a connection costs 2 + first (times what each node nests). */
export function requestedCost(
  selections: Selection[],
  typeName: string,
  fragments: Fragments,
  variables: Record<string, unknown>,
  root: boolean,
): number {
  let cost = 0;
  for (const field of collectFields(selections, typeName, fragments)) {
    const fieldType = SCHEMA[typeName]?.[field.name];
    if (!fieldType || !field.selections) continue;
    if (isConnection(fieldType)) {
      const args = evaluateArgs(field.args, variables);
      const first = Number(args.first ?? args.last ?? 0) || 0;
      const nodeType = SCHEMA[fieldType]?.nodes ?? "";
      const nested = collectFields(field.selections, fieldType, fragments)
        .filter((f) => f.name === "nodes" || f.name === "edges")
        .map((f) => {
          const inner =
            f.name === "edges" ? nodeSelections(f, `${nodeType}Edge`, fragments) : (f.selections ?? []);
          return requestedCost(inner, nodeType, fragments, variables, false);
        })
        .reduce((a, b) => Math.max(a, b), 0);
      cost += 2 + first + first * nested;
    } else {
      cost += (root ? 1 : 0) + requestedCost(field.selections, fieldType, fragments, variables, false);
    }
  }
  return cost;
}

function nodeSelections(edges: Field, typeName: string, fragments: Fragments): Selection[] {
  return collectFields(edges.selections ?? [], typeName, fragments)
    .filter((f) => f.name === "node")
    .flatMap((f) => f.selections ?? []);
}

export interface Projection {
  actualCost: number;
}

/** Keeps what was selected; counts the nodes connections really returned for `actualQueryCost`. */
export function project(
  value: unknown,
  selections: Selection[],
  fragments: Fragments,
  variables: Record<string, unknown>,
  meter: Projection,
): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => project(v, selections, fragments, variables, meter));
  if (typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const typeName = typeof record.__typename === "string" ? record.__typename : "";
  if (typeName.endsWith("Connection") && Array.isArray(record.nodes))
    meter.actualCost += 2 + record.nodes.length;
  const out: Record<string, unknown> = {};
  for (const field of collectFields(selections, typeName, fragments)) {
    const key = field.alias ?? field.name;
    let fieldValue = record[field.name];
    if (typeof fieldValue === "function")
      fieldValue = (fieldValue as (a: unknown) => unknown)(evaluateArgs(field.args, variables));
    out[key] = field.selections
      ? project(fieldValue, field.selections, fragments, variables, meter)
      : (fieldValue ?? null);
  }
  return out;
}
