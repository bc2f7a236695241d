import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** The workspace root: the nearest folder above `from` holding pnpm-workspace.yaml. */
export function workspaceRoot(from = process.cwd()): string {
  let dir = from;
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
  return dir;
}

/** Local, git-ignored state for development: the embedded database and the development keys. */
export const localDataDir = () => process.env.LOYALNEST_DATA_DIR ?? join(workspaceRoot(), ".data");
