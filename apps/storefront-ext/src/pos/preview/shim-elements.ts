/**
 * HTML stand-ins for the POS web components the LoyalNest targets use (`s-page`, `s-section`,
 * `s-button`, …), so the very same Preact tree renders in a browser. In POS these are native
 * components drawn by the app; here they are custom elements with just enough behaviour: headings
 * as real headings, buttons as role=button (disabled / loading honoured), fields as labelled
 * inputs exposing `value` and firing `input` / `change`. Looks are approximate. Preview only.
 */
const css = `
s-page{display:block;max-width:760px;margin:0 auto;background:#fff;border-radius:12px;box-shadow:0 4px 24px #0002;overflow:hidden}
s-scroll-box{display:block;max-height:calc(100vh - 220px);overflow:auto}
s-stack{display:flex;flex-direction:column;gap:10px}
s-stack[direction=inline]{flex-direction:row;flex-wrap:wrap;align-items:center;gap:8px}
s-stack[padding=base]{padding:16px}
s-box{display:block}
s-text{display:inline}
s-text[type=strong]{font-weight:600}
s-text[type=small]{font-size:.85em}
s-text[color=subdued]{color:#666}
s-text[tone=critical]{color:#b42318} s-text[tone=caution]{color:#9a6700}
s-badge{display:inline-block;padding:2px 8px;border-radius:10px;font-size:.8rem;background:#eee;color:#333}
s-badge[tone=success]{background:#d3f5dd;color:#0b5123} s-badge[tone=info]{background:#dbeafe;color:#1e3a8a}
s-badge[tone=caution],s-badge[tone=warning]{background:#fff1c2;color:#7a4e00} s-badge[tone=critical]{background:#fde2e0;color:#8a1c12}
s-button{display:inline-block;padding:8px 14px;border-radius:8px;border:1px solid #bbb;background:#f6f6f6;cursor:pointer;user-select:none;font:inherit}
s-button[variant=primary]{background:#1f2937;color:#fff;border-color:#1f2937}
s-button[disabled]{opacity:.45;cursor:not-allowed}
s-button[loading]::after{content:" …"}
s-divider{display:block;border-top:1px solid #ddd}
s-tile{display:inline-flex;flex-direction:column;justify-content:center;width:220px;height:120px;padding:14px;border-radius:12px;background:#1f2937;color:#fff;cursor:pointer}
s-tile[tone=accent]{background:#5b21b6}
s-pos-block,s-section{display:block}
`;

type Render = (host: HTMLElement, root: ShadowRoot) => void;

function heading(level: number, part: string): Render {
  return (host, root) => {
    root.innerHTML = "";
    const title = host.getAttribute("heading");
    if (title) {
      const h = document.createElement(`h${level}`);
      h.textContent = title;
      h.setAttribute("part", part);
      h.style.margin = "0 0 8px";
      root.append(h);
    }
    const sub = host.getAttribute("subheading");
    if (sub) {
      const p = document.createElement("p");
      p.textContent = sub;
      p.style.margin = "0 0 8px";
      p.style.opacity = "0.75";
      root.append(p);
    }
    root.append(document.createElement("slot"));
  };
}

class ShimElement extends HTMLElement {
  static render: Render | null = null;
  static observedAttributes = ["heading", "subheading", "disabled", "loading", "item-count", "itemcount"];
  protected root: ShadowRoot | null = null;
  connectedCallback() {
    this.update();
  }
  attributeChangedCallback() {
    this.update();
  }
  protected update() {
    const render = (this.constructor as typeof ShimElement).render;
    if (!render) return;
    this.root ??= this.attachShadow({ mode: "open" });
    render(this, this.root);
  }
}

/** Buttons and tiles: role=button, keyboard, and no click while disabled or loading. */
class ShimButton extends ShimElement {
  constructor() {
    super();
    this.addEventListener(
      "click",
      (event) => {
        if (this.hasAttribute("disabled") || this.hasAttribute("loading")) event.stopImmediatePropagation();
      },
      { capture: true },
    );
    this.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        this.click();
      }
    });
  }
  protected override update() {
    this.setAttribute("role", "button");
    this.tabIndex = this.hasAttribute("disabled") ? -1 : 0;
    if (this.hasAttribute("disabled")) this.setAttribute("aria-disabled", "true");
    else this.removeAttribute("aria-disabled");
    if (this.hasAttribute("loading")) this.setAttribute("aria-busy", "true");
    else this.removeAttribute("aria-busy");
    super.update();
  }
}

class ShimTile extends ShimButton {
  static override render: Render = (host, root) => {
    root.innerHTML = "";
    const title = document.createElement("strong");
    title.textContent = host.getAttribute("heading") ?? "";
    const sub = document.createElement("span");
    sub.textContent = host.getAttribute("subheading") ?? "";
    sub.style.opacity = "0.85";
    root.append(title, sub);
    const count = host.getAttribute("itemcount") ?? host.getAttribute("item-count");
    if (count) {
      const badge = document.createElement("span");
      badge.textContent = count;
      badge.style.cssText =
        "align-self:flex-start;margin-top:6px;padding:0 8px;border-radius:9px;background:#fff;color:#5b21b6";
      root.append(badge);
    }
  };
}

/** Fields: a labelled input; `value` read and written through the element, as POS fields do. */
function fieldClass(type: string) {
  return class ShimField extends HTMLElement {
    static observedAttributes = ["label", "disabled", "error"];
    private input: HTMLInputElement;
    private labelText: HTMLSpanElement;
    private errorText: HTMLSpanElement;
    constructor() {
      super();
      const root = this.attachShadow({ mode: "open" });
      const label = document.createElement("label");
      label.style.cssText = "display:flex;flex-direction:column;gap:4px";
      this.labelText = document.createElement("span");
      this.input = document.createElement("input");
      this.input.type = type;
      this.input.style.cssText = "padding:8px;border:1px solid #bbb;border-radius:6px;font:inherit";
      this.errorText = document.createElement("span");
      this.errorText.style.color = "#b42318";
      label.append(this.labelText, this.input, this.errorText);
      root.append(label);
      // `input` is composed and crosses the shadow boundary; `change` is not: forward it.
      this.input.addEventListener("change", () => this.dispatchEvent(new Event("change", { bubbles: true })));
    }
    get value() {
      return this.input.value;
    }
    set value(next: string) {
      if (this.input.value !== String(next ?? "")) this.input.value = String(next ?? "");
    }
    attributeChangedCallback() {
      this.labelText.textContent = this.getAttribute("label") ?? "";
      this.input.disabled = this.hasAttribute("disabled");
      this.errorText.textContent = this.getAttribute("error") ?? "";
    }
  };
}

class ShimBanner extends ShimElement {
  static override render: Render = (host, root) => {
    host.setAttribute("role", host.getAttribute("tone") === "critical" ? "alert" : "status");
    const tone = host.getAttribute("tone") ?? "info";
    const colours: Record<string, string> = {
      success: "#d3f5dd",
      info: "#dbeafe",
      warning: "#fff1c2",
      critical: "#fde2e0",
    };
    root.innerHTML = "";
    const box = document.createElement("div");
    box.style.cssText = `padding:10px 12px;border-radius:8px;background:${colours[tone] ?? "#eee"}`;
    const title = document.createElement("strong");
    title.textContent = host.getAttribute("heading") ?? "";
    box.append(title, document.createElement("br"), document.createElement("slot"));
    root.append(box);
  };
}

class ShimPage extends ShimElement {
  static override render = heading(1, "heading");
}
class ShimSection extends ShimElement {
  static override render = heading(2, "heading");
}
class ShimBlock extends ShimElement {
  static override render = heading(3, "heading");
}
class ShimHeading extends HTMLElement {
  connectedCallback() {
    this.setAttribute("role", "heading");
    this.setAttribute("aria-level", "3");
  }
}
class ShimPlain extends HTMLElement {}

export const SHIMMED = [
  "s-page",
  "s-scroll-box",
  "s-stack",
  "s-box",
  "s-section",
  "s-pos-block",
  "s-text",
  "s-heading",
  "s-badge",
  "s-banner",
  "s-button",
  "s-tile",
  "s-divider",
  "s-email-field",
  "s-text-field",
  "s-number-field",
] as const;

export function defineShimElements(doc: Document = document) {
  const style = doc.createElement("style");
  style.textContent = css;
  doc.head.append(style);
  const define = (name: string, ctor: CustomElementConstructor) => {
    if (!customElements.get(name)) customElements.define(name, ctor);
  };
  define("s-page", ShimPage);
  define("s-section", ShimSection);
  define("s-pos-block", ShimBlock);
  define("s-banner", ShimBanner);
  define("s-button", class extends ShimButton {});
  define("s-tile", ShimTile);
  define("s-heading", ShimHeading);
  define("s-email-field", fieldClass("email"));
  define("s-text-field", fieldClass("text"));
  define("s-number-field", fieldClass("number"));
  for (const name of ["s-scroll-box", "s-stack", "s-box", "s-text", "s-badge", "s-divider"])
    define(name, class extends ShimPlain {});
}
