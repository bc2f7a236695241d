import { render } from "preact";
import { createPosServices, customerRef } from "../setup";
import { LoyaltyApp } from "../ui/loyalty-app";
import { CustomerBlock, HomeTile, PostPurchaseMenuItem } from "../ui/targets";
import type { PreviewConfig } from "./fake-host";
import { createPreviewHost } from "./fake-host";
import { defineShimElements } from "./shim-elements";

/**
 * The stand-in's POS preview (`/_dev/pos`): the LoyalNest targets' real Preact components on a
 * plain page, over a fake POS host and HTML stand-ins for the POS components. The page's own
 * controls (Connectivity, fault, cart) are plain HTML rendered by the stand-in.
 */
const config = JSON.parse(document.getElementById("ln-pos-config")!.textContent!) as PreviewConfig;
defineShimElements();
const preview = createPreviewHost(config);
const { host } = preview;
const services = createPosServices(host, {
  apiBase: config.apiBase,
  fetch: preview.fetch,
  retryDelaysMs: [],
});
const $ = (id: string) => document.getElementById(id)!;

// Connectivity control.
const status = $("connectivity-status");
const showConnectivity = () => {
  const connected = host.connectivity.current.value.internetConnected === "Connected";
  status.textContent = connected ? "Connected" : "Disconnected";
  status.dataset.state = connected ? "connected" : "disconnected";
  $("go-offline").toggleAttribute("disabled", !connected);
  $("go-online").toggleAttribute("disabled", connected);
};
$("go-offline").addEventListener("click", () =>
  preview.connectivity.set({ internetConnected: "Disconnected" }),
);
$("go-online").addEventListener("click", () => preview.connectivity.set({ internetConnected: "Connected" }));
host.connectivity.current.subscribe(showConnectivity);
showConnectivity();

const lose = $("lose-next-sync") as HTMLInputElement;
lose.addEventListener("change", () => (preview.faults.loseNextSyncAnswer = lose.checked));

// Cart panel and toasts.
preview.onCart(() => ($("cart-codes").textContent = preview.codes.join(", ") || "none"));
preview.onToast((text) => {
  const item = document.createElement("li");
  item.textContent = text;
  $("toasts").prepend(item);
});

// Tile → the home modal; the customer block → the customer modal; post-purchase → its modal.
type Screen = "home" | "customer" | "order";
let closeModal: (() => void) | null = null;
function openModal(screen: Screen) {
  closeModal?.();
  const container = $("modal");
  const controller = services.controller(screen === "order" ? {} : { cart: host.cart });
  const customer = customerRef(config.customerId ? Number(config.customerId) : null);
  render(
    <LoyaltyApp
      key={`${screen}-${Date.now()}`}
      controller={controller}
      initialCustomer={customer}
      hasCart={screen !== "order"}
      {...(screen === "order" ? { subheading: "Order #1001: its points are credited when it is paid" } : {})}
    />,
    container,
  );
  $("modal-frame").hidden = false;
  $("modal-frame").dataset.screen = screen;
  closeModal = () => {
    render(null, container);
    $("modal-frame").hidden = true;
    closeModal = null;
  };
}
$("close-modal").addEventListener("click", () => closeModal?.());

let next: Screen = "home";
preview.onModal(() => openModal(next));
const withScreen = (screen: Screen) => () => {
  next = screen;
};
$("tile").addEventListener("click", withScreen("home"), { capture: true });
$("customer-block").addEventListener("click", withScreen("customer"), { capture: true });
$("post-purchase").addEventListener("click", withScreen("order"), { capture: true });

render(<HomeTile host={host} services={services} />, $("tile"));
if (config.customerId)
  render(
    <CustomerBlock host={host} services={services} customer={customerRef(Number(config.customerId))} />,
    $("customer-block"),
  );
render(<PostPurchaseMenuItem host={host} />, $("post-purchase"));
