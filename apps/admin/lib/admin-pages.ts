/** The admin's pages, in navigation order: the App Bridge nav menu and the development navigation both use it. */
export const ADMIN_PAGES = [
  { path: "/", label: "Home" },
  { path: "/points", label: "Points" },
  { path: "/tiers", label: "VIP tiers" },
  { path: "/referrals", label: "Referrals" },
  { path: "/campaigns", label: "Campaigns" },
  { path: "/customers", label: "Customers" },
  { path: "/analytics", label: "Analytics" },
  { path: "/settings", label: "Settings" },
] as const;

export type AdminPath = (typeof ADMIN_PAGES)[number]["path"];
