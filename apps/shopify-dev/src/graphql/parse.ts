/**
 * Just enough of a GraphQL parser to read the operations the app sends: operations, fields with
 * aliases and arguments, variables, fragments and inline fragments. Directives are parsed and
 * ignored. Anything else is a syntax error, reported the way Shopify does.
 */
export type Value =
  | { kind: "variable"; name: string }
  | { kind: "literal"; value: unknown }
  | { kind: "list"; values: Value[] }
  | { kind: "object"; fields: Record<string, Value> };

export interface Field {
  kind: "field";
  alias: string | undefined;
  name: string;
  args: Record<string, Value>;
  selections: Selection[] | undefined;
  line: number;
  column: number;
}

export type Selection =
  | Field
  | { kind: "spread"; name: string }
  | { kind: "inline"; typeCondition: string | undefined; selections: Selection[] };

export interface Operation {
  type: "query" | "mutation" | "subscription";
  name: string | undefined;
  variableDefaults: Record<string, unknown>;
  selections: Selection[];
}

export interface Document {
  operations: Operation[];
  fragments: Map<string, { typeCondition: string; selections: Selection[] }>;
}

export class GraphQLSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

interface Token {
  kind: "punct" | "name" | "int" | "float" | "string" | "eof";
  value: string;
  line: number;
  column: number;
}

const PUNCT = new Set(["!", "$", "(", ")", ":", "=", "@", "[", "]", "{", "|", "}", "&"]);

function lex(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const at = (): { line: number; column: number } => ({ line, column: i - lineStart + 1 });
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === "\n") {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (/[\s,\uFEFF]/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "#") {
      while (i < source.length && source[i] !== "\n") i++;
      continue;
    }
    const pos = at();
    if (source.startsWith("...", i)) {
      tokens.push({ kind: "punct", value: "...", ...pos });
      i += 3;
      continue;
    }
    if (PUNCT.has(ch)) {
      tokens.push({ kind: "punct", value: ch, ...pos });
      i++;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i)) as RegExpExecArray;
      tokens.push({ kind: "name", value: m[0], ...pos });
      i += m[0].length;
      continue;
    }
    if (/[-0-9]/.test(ch)) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(source.slice(i));
      if (!m) throw new GraphQLSyntaxError(`Unexpected character "${ch}"`, pos.line, pos.column);
      tokens.push({ kind: m[1] || m[2] ? "float" : "int", value: m[0], ...pos });
      i += m[0].length;
      continue;
    }
    if (source.startsWith('"""', i)) {
      const end = source.indexOf('"""', i + 3);
      if (end < 0) throw new GraphQLSyntaxError("Unterminated string", pos.line, pos.column);
      const raw = source.slice(i + 3, end);
      tokens.push({ kind: "string", value: raw.replace(/\\"""/g, '"""'), ...pos });
      for (const c of raw) if (c === "\n") line++;
      i = end + 3;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== '"') {
        if (source[j] === "\\") j++;
        if (source[j] === "\n") break;
        j++;
      }
      if (source[j] !== '"') throw new GraphQLSyntaxError("Unterminated string", pos.line, pos.column);
      tokens.push({ kind: "string", value: JSON.parse(source.slice(i, j + 1)) as string, ...pos });
      i = j + 1;
      continue;
    }
    throw new GraphQLSyntaxError(`Unexpected character "${ch}"`, pos.line, pos.column);
  }
  tokens.push({ kind: "eof", value: "", line, column: i - lineStart + 1 });
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== "eof") this.pos++;
    return token;
  }

  private fail(token: Token): never {
    const what = token.kind === "eof" ? "end of file" : `"${token.value}"`;
    throw new GraphQLSyntaxError(`Parse error on ${what}`, token.line, token.column);
  }

  private isPunct(value: string): boolean {
    const t = this.peek();
    return t.kind === "punct" && t.value === value;
  }

  private expectPunct(value: string): void {
    const t = this.next();
    if (t.kind !== "punct" || t.value !== value) this.fail(t);
  }

  private expectName(): string {
    const t = this.next();
    if (t.kind !== "name") this.fail(t);
    return t.value;
  }

  document(): Document {
    const doc: Document = { operations: [], fragments: new Map() };
    while (this.peek().kind !== "eof") {
      const t = this.peek();
      if (t.kind === "punct" && t.value === "{") {
        doc.operations.push({
          type: "query",
          name: undefined,
          variableDefaults: {},
          selections: this.selectionSet(),
        });
      } else if (t.kind === "name" && t.value === "fragment") {
        this.next();
        const name = this.expectName();
        if (this.expectName() !== "on") this.fail(this.tokens[this.pos - 1] as Token);
        const typeCondition = this.expectName();
        this.directives();
        doc.fragments.set(name, { typeCondition, selections: this.selectionSet() });
      } else if (
        t.kind === "name" &&
        (t.value === "query" || t.value === "mutation" || t.value === "subscription")
      ) {
        this.next();
        const name = this.peek().kind === "name" ? this.expectName() : undefined;
        const variableDefaults = this.isPunct("(") ? this.variableDefinitions() : {};
        this.directives();
        doc.operations.push({ type: t.value, name, variableDefaults, selections: this.selectionSet() });
      } else {
        this.fail(t);
      }
    }
    return doc;
  }

  private variableDefinitions(): Record<string, unknown> {
    const defaults: Record<string, unknown> = {};
    this.expectPunct("(");
    while (!this.isPunct(")")) {
      this.expectPunct("$");
      const name = this.expectName();
      this.expectPunct(":");
      this.type();
      if (this.isPunct("=")) {
        this.next();
        defaults[name] = evaluate(this.value(true), {});
      }
      this.directives();
    }
    this.expectPunct(")");
    return defaults;
  }

  private type(): void {
    if (this.isPunct("[")) {
      this.next();
      this.type();
      this.expectPunct("]");
    } else {
      this.expectName();
    }
    if (this.isPunct("!")) this.next();
  }

  private directives(): void {
    while (this.isPunct("@")) {
      this.next();
      this.expectName();
      if (this.isPunct("(")) this.args();
    }
  }

  private selectionSet(): Selection[] {
    this.expectPunct("{");
    const selections: Selection[] = [];
    while (!this.isPunct("}")) selections.push(this.selection());
    this.expectPunct("}");
    if (selections.length === 0) this.fail(this.tokens[this.pos - 1] as Token);
    return selections;
  }

  private selection(): Selection {
    if (this.isPunct("...")) {
      this.next();
      const t = this.peek();
      if (t.kind === "name" && t.value !== "on") {
        this.next();
        this.directives();
        return { kind: "spread", name: t.value };
      }
      let typeCondition: string | undefined;
      if (t.kind === "name" && t.value === "on") {
        this.next();
        typeCondition = this.expectName();
      }
      this.directives();
      return { kind: "inline", typeCondition, selections: this.selectionSet() };
    }
    const start = this.peek();
    let name = this.expectName();
    let alias: string | undefined;
    if (this.isPunct(":")) {
      this.next();
      alias = name;
      name = this.expectName();
    }
    const args = this.isPunct("(") ? this.args() : {};
    this.directives();
    const selections = this.isPunct("{") ? this.selectionSet() : undefined;
    return { kind: "field", alias, name, args, selections, line: start.line, column: start.column };
  }

  private args(): Record<string, Value> {
    const args: Record<string, Value> = {};
    this.expectPunct("(");
    while (!this.isPunct(")")) {
      const name = this.expectName();
      this.expectPunct(":");
      args[name] = this.value(false);
    }
    this.expectPunct(")");
    return args;
  }

  private value(constant: boolean): Value {
    const t = this.next();
    if (t.kind === "punct" && t.value === "$" && !constant)
      return { kind: "variable", name: this.expectName() };
    if (t.kind === "int") return { kind: "literal", value: Number.parseInt(t.value, 10) };
    if (t.kind === "float") return { kind: "literal", value: Number.parseFloat(t.value) };
    if (t.kind === "string") return { kind: "literal", value: t.value };
    if (t.kind === "name") {
      if (t.value === "true") return { kind: "literal", value: true };
      if (t.value === "false") return { kind: "literal", value: false };
      if (t.value === "null") return { kind: "literal", value: null };
      return { kind: "literal", value: t.value }; // enum values travel as their names
    }
    if (t.kind === "punct" && t.value === "[") {
      const values: Value[] = [];
      while (!this.isPunct("]")) values.push(this.value(constant));
      this.expectPunct("]");
      return { kind: "list", values };
    }
    if (t.kind === "punct" && t.value === "{") {
      const fields: Record<string, Value> = {};
      while (!this.isPunct("}")) {
        const name = this.expectName();
        this.expectPunct(":");
        fields[name] = this.value(constant);
      }
      this.expectPunct("}");
      return { kind: "object", fields };
    }
    return this.fail(t);
  }
}

export function parse(source: string): Document {
  return new Parser(lex(source)).document();
}

/** Turns an argument value into plain JSON, substituting variables. */
export function evaluate(value: Value, variables: Record<string, unknown>): unknown {
  switch (value.kind) {
    case "variable":
      return variables[value.name] ?? null;
    case "literal":
      return value.value;
    case "list":
      return value.values.map((v) => evaluate(v, variables));
    case "object":
      return Object.fromEntries(Object.entries(value.fields).map(([k, v]) => [k, evaluate(v, variables)]));
  }
}

export function evaluateArgs(
  args: Record<string, Value>,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, evaluate(v, variables)]));
}
