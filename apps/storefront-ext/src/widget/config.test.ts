import { describe, expect, it } from "vitest";
import { DEFAULT_BRANDING, launcherLabel, normaliseSettings, parseBoot } from "./config";
import { nextFocusIndex } from "./focus-trap";
import { shareLinks } from "./share";

describe("boot JSON from the app embed", () => {
  it("reads the Liquid output, the customer id as a string", () => {
    const boot = parseBoot(
      JSON.stringify({
        shop: "demo.myshopify.com",
        shopName: "Demo",
        locale: "he",
        currency: "EUR",
        customer: { id: 7100000000000, firstName: "Dana" },
        proxyPath: "/apps/loyalnest",
        routes: { login: "/he/account/login", register: "/he/account/register" },
        showLauncher: true,
        settings: {
          branding: { primaryColor: "#112233", launcherPosition: "bottom_left" },
          languages: { enabled: ["en", "he"] },
        },
      }),
      "https://cdn/panel.js",
    );
    expect(boot).toMatchObject({
      shop: "demo.myshopify.com",
      locale: "he",
      currency: "EUR",
      customer: { id: "7100000000000", firstName: "Dana" },
      routes: { login: "/he/account/login" },
      panelSrc: "https://cdn/panel.js",
      settings: {
        branding: { primaryColor: "#112233", accentColor: "#ffffff", launcherPosition: "bottom_left" },
        languages: { enabled: ["en", "he"], overrides: {} },
      },
    });
  });
  it("works for a visitor and with no settings metafield yet (null)", () => {
    const boot = parseBoot('{"shop":"demo.myshopify.com","customer":null,"settings":null}', "/panel.js");
    expect(boot?.customer).toBeNull();
    expect(boot?.settings).toEqual({
      branding: DEFAULT_BRANDING,
      languages: { enabled: ["en"], overrides: {} },
    });
    expect(boot?.showLauncher).toBe(true);
  });
  it("is null (widget off) without a shop, a panel URL or valid JSON", () => {
    expect(parseBoot("{}", "/panel.js")).toBeNull();
    expect(parseBoot('{"shop":"a"}', "")).toBeNull();
    expect(parseBoot("{not json", "/panel.js")).toBeNull();
  });
  it("drops invalid branding and languages instead of failing", () => {
    const settings = normaliseSettings({
      branding: { primaryColor: "red", launcherText: "", launcherPosition: "top" },
      languages: { enabled: ["xx", "fr"], overrides: { fr: { a: "b", n: 3 } } },
    });
    expect(settings).toEqual({
      branding: DEFAULT_BRANDING,
      languages: { enabled: ["fr"], overrides: { fr: { a: "b" } } },
    });
  });
  it("labels the launcher: override, else the merchant's text, else the translation", () => {
    const base = normaliseSettings({});
    expect(launcherLabel(base, "fr", "Récompenses")).toBe("Récompenses");
    const custom = normaliseSettings({ branding: { launcherText: "Nest Club" } });
    expect(launcherLabel(custom, "fr", "Récompenses")).toBe("Nest Club");
    const override = normaliseSettings({
      languages: { enabled: ["fr"], overrides: { fr: { "launcher.label": "Club" } } },
    });
    expect(launcherLabel(override, "fr", "Récompenses")).toBe("Club");
  });
});

describe("focus trap order", () => {
  it("wraps Tab and Shift+Tab at the ends and pulls focus in from outside", () => {
    expect(nextFocusIndex(3, 2, false)).toBe(0);
    expect(nextFocusIndex(3, 0, true)).toBe(2);
    expect(nextFocusIndex(3, 1, false)).toBe(2);
    expect(nextFocusIndex(3, -1, false)).toBe(0);
    expect(nextFocusIndex(3, -1, true)).toBe(2);
    expect(nextFocusIndex(0, -1, false)).toBe(-1);
  });
});

describe("referral share links", () => {
  it("fills e-mail, SMS and WhatsApp with the message", () => {
    const links = shareLinks("Get 10% off: https://demo.myshopify.com/?ref=AB12", "A gift & more");
    expect(links.email).toBe(
      "mailto:?subject=A%20gift%20%26%20more&body=Get%2010%25%20off%3A%20https%3A%2F%2Fdemo.myshopify.com%2F%3Fref%3DAB12",
    );
    expect(links.sms).toBe(
      "sms:?&body=Get%2010%25%20off%3A%20https%3A%2F%2Fdemo.myshopify.com%2F%3Fref%3DAB12",
    );
    expect(links.whatsapp).toBe(
      "https://wa.me/?text=Get%2010%25%20off%3A%20https%3A%2F%2Fdemo.myshopify.com%2F%3Fref%3DAB12",
    );
  });
});
