/**
 * Keeps keyboard focus inside the open panel (it is a modal dialog): Tab from the last control goes
 * to the first, Shift+Tab from the first to the last. Escape is handled by the panel itself.
 */
const FOCUSABLE =
  'a[href],button:not([disabled]),input:not([disabled]),select:not([disabled]),textarea:not([disabled]),[tabindex]:not([tabindex="-1"])';

/** Where Tab (or Shift+Tab) goes from `current` among `count` focusable elements; -1 = none. */
export function nextFocusIndex(count: number, current: number, backwards: boolean): number {
  if (count === 0) return -1;
  if (current < 0) return backwards ? count - 1 : 0;
  return backwards ? (current - 1 + count) % count : (current + 1) % count;
}

export function focusables(container: ParentNode): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.hasAttribute("hidden") && el.getClientRects().length > 0,
  );
}

/** Installs the trap; `root` is where `activeElement` is read (the widget's shadow root). Returns the remover. */
export function trapFocus(container: HTMLElement, root: DocumentOrShadowRoot): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Tab") return;
    const items = focusables(container);
    const current = items.indexOf(root.activeElement as HTMLElement);
    const next = nextFocusIndex(items.length, current, event.shiftKey);
    // Let the browser move focus within the panel; only wrap at the ends (or pull focus back in).
    const wraps = current === -1 || (event.shiftKey ? current === 0 : current === items.length - 1);
    if (!wraps) return;
    event.preventDefault();
    items[next]?.focus();
  };
  container.addEventListener("keydown", onKeyDown);
  return () => container.removeEventListener("keydown", onKeyDown);
}
