import { MAX_PAGE_SIZE } from "../api-version";

export interface PageArgs {
  /** Nodes per page, 1..250. */
  first?: number;
  after?: string | null;
}

export function pageSize(first: number | undefined, fallback: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new RangeError(`page size must be 1..${MAX_PAGE_SIZE}, got ${size}`);
  }
  return size;
}
