import type { ResolvedOptions } from "../options";
import type { Shop, StandInState } from "../state";

export interface ResolverContext {
  shop: Shop;
  state: StandInState;
  options: ResolvedOptions;
  /** The stand-in's own base URL (for confirmation URLs and the like). */
  baseUrl: string;
}

export type Resolver = (args: Record<string, unknown>, ctx: ResolverContext) => unknown;
