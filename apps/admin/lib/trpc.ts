"use client";
import type { AppRouter } from "@loyalnest/api";
import { createTRPCContext } from "@trpc/tanstack-react-query";

/**
 * Typed tRPC hooks for the admin: `const trpc = useTRPC()` then
 * `useQuery(trpc.admin.settings.get.queryOptions())` or
 * `useMutation(trpc.admin.settings.update.mutationOptions())`. The provider (components/providers.tsx)
 * sends the session token as `Authorization: Bearer …` on every call.
 */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
