import type { ResolvedOptions } from "../options";
import type { HttpResult } from "../http";
import { verifyAdminSessionToken } from "./session-token";
import type { TokenStore } from "./token-store";

/**
 * `POST /{shop}/admin/oauth/access_token`: token exchange (session token → access token) and
 * refresh-token rotation, with OAuth-style errors as Shopify returns them.
 */
const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
const OFFLINE = "urn:shopify:params:oauth:token-type:offline-access-token";
const ONLINE = "urn:shopify:params:oauth:token-type:online-access-token";

function oauthError(status: number, error: string, description: string): HttpResult {
  return { status, json: { error, error_description: description } };
}

export async function handleAccessTokenRequest(
  shop: string,
  body: Record<string, unknown>,
  tokens: TokenStore,
  options: ResolvedOptions,
): Promise<HttpResult> {
  if (body.client_id !== options.apiKey || body.client_secret !== options.apiSecret)
    return oauthError(
      401,
      "invalid_client",
      "Client authentication failed: the client_id or client_secret is invalid.",
    );
  if (body.grant_type === "refresh_token") {
    const pair = typeof body.refresh_token === "string" ? tokens.rotate(shop, body.refresh_token) : undefined;
    return pair
      ? { status: 200, json: pair }
      : oauthError(400, "invalid_grant", "Token has been expired or revoked.");
  }
  if (body.grant_type !== TOKEN_EXCHANGE)
    return oauthError(
      400,
      "unsupported_grant_type",
      `grant_type ${String(body.grant_type)} is not supported.`,
    );
  if (typeof body.subject_token !== "string" || body.subject_token === "")
    return oauthError(400, "missing_subject_token", "subject_token is required.");
  if (body.subject_token_type !== ID_TOKEN)
    return oauthError(400, "invalid_request", `subject_token_type must be ${ID_TOKEN}.`);
  const verified = await verifyAdminSessionToken(body.subject_token, shop, options.apiKey, options.apiSecret);
  if (!verified.ok)
    return oauthError(400, "invalid_subject_token", `Session token is invalid: ${verified.reason}`);
  const requested = body.requested_token_type ?? OFFLINE;
  if (requested === ONLINE) return { status: 200, json: onlineToken(shop, verified.sub, tokens, options) };
  if (requested !== OFFLINE)
    return oauthError(400, "invalid_request", `requested_token_type ${String(requested)} is not supported.`);
  const expiring = body.expiring === "1" || body.expiring === 1 || body.expiring === true;
  return {
    status: 200,
    json: expiring ? tokens.issuePair(shop, options.scopes) : tokens.issueNonExpiring(shop, options.scopes),
  };
}

function onlineToken(shop: string, sub: string | undefined, tokens: TokenStore, options: ResolvedOptions) {
  const pair = tokens.issuePair(shop, options.scopes);
  const userId = Number(sub ?? 1);
  return {
    access_token: pair.access_token,
    scope: options.scopes,
    expires_in: pair.expires_in,
    associated_user_scope: options.scopes,
    associated_user: {
      id: userId,
      first_name: "Dev",
      last_name: "Staff",
      email: `staff${userId}@${shop}`,
      account_owner: userId === 1,
      locale: "en",
      collaborator: false,
      email_verified: true,
    },
  };
}
