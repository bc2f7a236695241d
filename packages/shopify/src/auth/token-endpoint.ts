import { z } from "zod";
import { ShopifyAuthError, ShopifyTransientError } from "../admin/errors";
import { shopBaseUrl } from "../admin/shop-base-url";
import type { AppCredentials, OfflineTokenPair } from "./offline-token";

export const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
export const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
export const OFFLINE_ACCESS_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:offline-access-token";

export interface TokenEndpointOptions {
  credentials: AppCredentials;
  /** Defaults to `shopBaseUrl` (env `SHOPIFY_API_BASE_URL`). */
  baseUrl?: (shop: string) => string;
  fetch?: typeof fetch;
  /** The moment the request starts, in ms; expiries count from it, so they are never late. */
  now?: () => number;
  timeoutMs?: number;
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  scope: z.string().nullish(),
  expires_in: z.number().nullish(),
  refresh_token: z.string().nullish(),
  refresh_token_expires_in: z.number().nullish(),
});

/** Token exchange: an App Bridge session token (already verified by the caller) → an expiring offline pair. */
export function exchangeSessionToken(
  shop: string,
  sessionToken: string,
  options: TokenEndpointOptions,
): Promise<OfflineTokenPair> {
  return requestToken(shop, options, {
    grant_type: TOKEN_EXCHANGE_GRANT,
    subject_token: sessionToken,
    subject_token_type: ID_TOKEN_TYPE,
    requested_token_type: OFFLINE_ACCESS_TOKEN_TYPE,
    expiring: "1",
  });
}

/**
 * Trades a refresh token for a new pair. Shopify rotates: the refresh token used here is dead
 * afterwards, so the new pair must be stored before anything else can fail. Never retried here:
 * after an ambiguous failure the old refresh token may already be spent.
 */
export function refreshOfflineToken(
  shop: string,
  refreshToken: string,
  options: TokenEndpointOptions,
): Promise<OfflineTokenPair> {
  return requestToken(shop, options, { grant_type: "refresh_token", refresh_token: refreshToken });
}

async function requestToken(
  shop: string,
  options: TokenEndpointOptions,
  grant: Record<string, string>,
): Promise<OfflineTokenPair> {
  const startedAt = (options.now ?? Date.now)();
  const url = `${(options.baseUrl ?? shopBaseUrl)(shop)}/admin/oauth/access_token`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({
        client_id: options.credentials.clientId,
        client_secret: options.credentials.clientSecret,
        ...grant,
      }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ShopifyTransientError(`token endpoint unreachable: ${message}`, shop, null, true, {
      cause: error,
    });
  }
  if (response.status === 429) {
    await response.body?.cancel();
    throw new ShopifyTransientError("token endpoint answered 429", shop, 429, false);
  }
  if (response.status >= 400 && response.status < 500) {
    // invalid_grant, invalid_subject_token, bad client credentials: a new token exchange is needed.
    const text = await response.text().catch(() => "");
    throw new ShopifyAuthError(
      `token endpoint refused (${response.status}): ${text.slice(0, 200)}`,
      shop,
      response.status,
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new ShopifyTransientError(
      `token endpoint answered ${response.status}`,
      shop,
      response.status,
      true,
    );
  }
  const body = tokenResponseSchema.safeParse(await response.json().catch(() => null));
  if (!body.success) {
    throw new ShopifyTransientError(
      "token endpoint answered an unexpected shape",
      shop,
      response.status,
      true,
    );
  }
  return toPair(body.data, startedAt);
}

const after = (startedAt: number, seconds: number | null | undefined) =>
  seconds === null || seconds === undefined ? null : new Date(startedAt + seconds * 1000);

function toPair(body: z.infer<typeof tokenResponseSchema>, startedAt: number): OfflineTokenPair {
  return {
    accessToken: body.access_token,
    accessTokenExpiresAt: after(startedAt, body.expires_in),
    refreshToken: body.refresh_token ?? null,
    refreshTokenExpiresAt: after(startedAt, body.refresh_token_expires_in),
    scope: body.scope ?? null,
  };
}
