import { appRouter } from "../routers/app-router";

export interface ProcedureEntry {
  path: string;
  type: "query" | "mutation";
}

interface Node {
  _def?: { type?: string; procedure?: boolean; record?: Record<string, unknown> };
}

/** Every procedure of the API, by full path — what the sweeps iterate, so none can be forgotten. */
export function listProcedures(): ProcedureEntry[] {
  const found: ProcedureEntry[] = [];
  const walk = (record: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(record)) {
      const node = value as Node;
      const path = prefix ? `${prefix}.${key}` : key;
      if (node._def?.procedure) found.push({ path, type: node._def.type as ProcedureEntry["type"] });
      else if (node._def?.record) walk(node._def.record, path);
      else if (value && typeof value === "object") walk(value as Record<string, unknown>, path);
    }
  };
  walk(appRouter._def.record as Record<string, unknown>, "");
  return found.sort((a, b) => a.path.localeCompare(b.path));
}
