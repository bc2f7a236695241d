import type { ReactNode } from "react";
import { AdminShell } from "../../components/admin-shell";
import { adminEmbedding } from "../../lib/embedding";

export const dynamic = "force-dynamic";

/** Every merchant-facing page: the Polaris shell with navigation, session tokens and the tRPC client. */
export default function AdminLayout({ children }: { children: ReactNode }) {
  const embedding = adminEmbedding();
  return (
    <AdminShell
      embedding={
        embedding.mode === "app-bridge"
          ? { mode: "app-bridge" }
          : { mode: "stand-in", devFrameUrl: embedding.devFrameUrl }
      }
    >
      {children}
    </AdminShell>
  );
}
