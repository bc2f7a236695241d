import type { Boot } from "./config";
import type { Locale } from "./i18n";

/** The contract between launcher.js and panel.js (the panel is loaded with a dynamic import). */
export interface PanelContext {
  boot: Boot;
  locale: Locale;
  /** The widget's shadow root (the dialog is drawn in it beside the launcher). */
  root: ShadowRoot;
}

export interface PanelModule {
  /** Opens the dialog; returns the function that closes it. `onClose` runs after any close (Escape, ×, outside click). */
  openPanel(context: PanelContext & { onClose: () => void }): () => void;
  /** Renders the panel's content in place, in the element's own shadow root (the loyalty page block). */
  mountInline(context: PanelContext & { container: HTMLElement }): void;
}
