"use client";
import { NavMenu } from "@shopify/app-bridge-react";
import { AppProvider, Frame, Navigation, Page, TopBar, type AppProviderProps } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import NextLink from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useState, type ComponentProps, type ReactNode } from "react";
import { ADMIN_PAGES } from "../lib/admin-pages";
import type { ClientEmbedding } from "../lib/client-embedding";
import { outsideDevFrameError } from "../lib/session-token";
import { ErrorBanner } from "./error-banner";
import { AdminProviders, useEmbedding } from "./providers";
import { ToastProvider } from "./toast";

type LinkProps = ComponentProps<NonNullable<AppProviderProps["linkComponent"]>>;

/** Polaris links become Next links (client-side navigation); other sites open in a new tab. */
function PolarisLink({ url, children, external, ...rest }: LinkProps) {
  if (external || /^[a-z][a-z0-9+.-]*:/i.test(url)) {
    const target = rest.target ?? (url.startsWith("shopify:") ? undefined : "_blank");
    return (
      <a href={url} {...rest} target={target} rel={target === "_blank" ? "noopener noreferrer" : rest.rel}>
        {children}
      </a>
    );
  }
  const { ref: _ref, ...anchorProps } = rest;
  return (
    <NextLink href={url} {...anchorProps}>
      {children}
    </NextLink>
  );
}

/** The LoyalNest mark for the development top bar. */
const LOGO = `data:image/svg+xml;utf8,${encodeURIComponent(
  `<svg xmlns="http://www.w3.org/2000/svg" width="124" height="28" viewBox="0 0 124 28"><path d="M14 2l3.5 7.2 7.9 1.1-5.7 5.5 1.4 7.8L14 19.9l-7.1 3.7 1.4-7.8L2.6 10.3l7.9-1.1z" fill="#ffb800" stroke="#8a5a00" stroke-width="1.5" stroke-linejoin="round"/><text x="32" y="20" font-family="system-ui,-apple-system,Segoe UI,sans-serif" font-size="16" font-weight="650" fill="#ffffff">LoyalNest</text></svg>`,
)}`;

/**
 * The admin's chrome: Polaris (theme, translations, Next links) → session token / tRPC / React Query
 * → navigation and toasts. In Shopify (App Bridge) the nav lives in Shopify's sidebar (`NavMenu`);
 * in the stand-in's dev frame the shell draws a Polaris Frame with its own navigation.
 */
export function AdminShell({ embedding, children }: { embedding: ClientEmbedding; children: ReactNode }) {
  return (
    <AppProvider i18n={en} linkComponent={PolarisLink}>
      <AdminProviders embedding={embedding}>
        {embedding.mode === "app-bridge" ? (
          <AppBridgeChrome>{children}</AppBridgeChrome>
        ) : (
          <DevelopmentChrome>{children}</DevelopmentChrome>
        )}
      </AdminProviders>
    </AppProvider>
  );
}

function AppBridgeChrome({ children }: { children: ReactNode }) {
  const router = useRouter();
  // Shopify's sidebar (and App Bridge links) announce navigation; route it through Next's router.
  useEffect(() => {
    const onNavigate = (event: Event) => {
      const href = (event.target as Element | null)?.getAttribute?.("href");
      if (href && href.startsWith("/")) router.push(href);
    };
    document.addEventListener("shopify:navigate", onNavigate);
    return () => document.removeEventListener("shopify:navigate", onNavigate);
  }, [router]);
  return (
    <>
      <NavMenu>
        {ADMIN_PAGES.map((page) =>
          page.path === "/" ? (
            <a key={page.path} href="/" rel="home">
              {page.label}
            </a>
          ) : (
            <a key={page.path} href={page.path}>
              {page.label}
            </a>
          ),
        )}
      </NavMenu>
      <Frame>
        <ToastProvider appBridge>{children}</ToastProvider>
      </Frame>
    </>
  );
}

function DevelopmentChrome({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const embedding = useEmbedding();
  // Opened directly rather than through the stand-in's dev frame: no session; say so once, not per card.
  const [outsideFrame, setOutsideFrame] = useState(false);
  useEffect(() => setOutsideFrame(window.parent === window), []);
  const [mobileNavOpen, setMobileNavOpen] = useState(false);
  const toggleMobileNav = useCallback(() => setMobileNavOpen((open) => !open), []);
  const closeMobileNav = useCallback(() => setMobileNavOpen(false), []);
  useEffect(closeMobileNav, [pathname, closeMobileNav]);

  const navigation = (
    <Navigation location={pathname}>
      <Navigation.Section
        items={ADMIN_PAGES.map((page) => ({
          label: page.label,
          url: page.path,
          exactMatch: page.path === "/",
          selected: page.path === "/" ? pathname === "/" : pathname.startsWith(page.path),
          onClick: closeMobileNav,
        }))}
      />
    </Navigation>
  );
  return (
    <Frame
      logo={{ topBarSource: LOGO, width: 124, url: "/", accessibilityLabel: "LoyalNest home" }}
      topBar={<TopBar showNavigationToggle onNavigationToggle={toggleMobileNav} />}
      navigation={navigation}
      showMobileNavigation={mobileNavOpen}
      onNavigationDismiss={closeMobileNav}
    >
      <ToastProvider appBridge={false}>
        {outsideFrame && embedding.mode === "stand-in" ? (
          <Page title="LoyalNest">
            <ErrorBanner error={outsideDevFrameError(embedding.devFrameUrl)} />
          </Page>
        ) : (
          children
        )}
      </ToastProvider>
    </Frame>
  );
}
