"use client";
import type { AppRouter } from "@loyalnest/api";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createContext, use, useState, type ReactNode } from "react";
import { shouldRetry } from "../lib/api-errors";
import type { ClientEmbedding } from "../lib/client-embedding";
import { appBridgeTokenSource, standInTokenSource, type SessionTokenSource } from "../lib/session-token";
import { TRPCProvider } from "../lib/trpc";

const SessionTokenContext = createContext<SessionTokenSource | null>(null);
const EmbeddingContext = createContext<ClientEmbedding | null>(null);

/** `getSessionToken()` for requests outside tRPC (e.g. a CSV download with `fetch`). */
export function useSessionToken(): SessionTokenSource {
  const source = use(SessionTokenContext);
  if (!source) throw new Error("useSessionToken() must be used inside <AdminProviders>");
  return source;
}

/** Whether App Bridge hosts the admin (production) or the Shopify stand-in's dev frame does. */
export function useEmbedding(): ClientEmbedding {
  const embedding = use(EmbeddingContext);
  if (!embedding) throw new Error("useEmbedding() must be used inside <AdminProviders>");
  return embedding;
}

/** Session token source → tRPC client (Bearer on every call) → React Query. */
export function AdminProviders({ embedding, children }: { embedding: ClientEmbedding; children: ReactNode }) {
  const [tokens] = useState<SessionTokenSource>(() =>
    embedding.mode === "app-bridge"
      ? appBridgeTokenSource()
      : standInTokenSource({ devFrameUrl: embedding.devFrameUrl }),
  );
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: shouldRetry },
          mutations: { retry: false },
        },
      }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: "/api/trpc",
          async headers() {
            return { authorization: `Bearer ${await tokens.getSessionToken()}` };
          },
        }),
      ],
    }),
  );
  return (
    <EmbeddingContext value={embedding}>
      <SessionTokenContext value={tokens}>
        <QueryClientProvider client={queryClient}>
          <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
            {children}
          </TRPCProvider>
        </QueryClientProvider>
      </SessionTokenContext>
    </EmbeddingContext>
  );
}
