import type { Metadata } from "next";
import type { ReactNode } from "react";

export const metadata: Metadata = { title: "LoyalNest", description: "Loyalty programme admin" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body
        style={{ fontFamily: "system-ui, sans-serif", margin: 0, background: "#f1f2f4", color: "#303030" }}
      >
        {children}
      </body>
    </html>
  );
}
