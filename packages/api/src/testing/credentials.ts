import { mintSessionToken, signAppProxyQuery, type SessionTokenCaller } from "@loyalnest/shopify";
import { DEV_SHOPIFY_APP } from "../shopify-app-config";
import { SURFACE_HEADER } from "../trpc/auth/extension-session";

/** How a test call authenticates: the credential each real caller would present. */
export type Credential =
  | { kind: "none" }
  | { kind: "admin"; shop: string; staffId?: string }
  | { kind: "pos"; shop: string; staffId?: string }
  | {
      kind: "extension";
      shop: string;
      shopifyCustomerId: string | null;
      surface?: "checkout" | "customer-account";
    }
  | { kind: "proxy"; shop: string; shopifyCustomerId: string | null };

/** Ways to spoil a credential, for the refusal tests. */
export type Tampering = "forged" | "expired" | "wrong-audience";

export interface SignedRequestParts {
  url: URL;
  headers: Headers;
}

const FORGED_SECRET = "not-the-app-secret";

function staffCaller(kind: "admin" | "pos"): SessionTokenCaller {
  return kind;
}

/** Adds the credential to a request URL and headers, exactly as Shopify would send it. */
export async function applyCredential(
  credential: Credential,
  url: URL,
  headers: Headers,
  now: Date,
  tampering?: Tampering,
): Promise<SignedRequestParts> {
  const secret = tampering === "forged" ? FORGED_SECRET : DEV_SHOPIFY_APP.apiSecret;
  // An expired credential: minted (or signed) 10 minutes ago, so past every lifetime and clock skew.
  const issuedAt = tampering === "expired" ? new Date(now.getTime() - 10 * 60_000) : now;
  const apiKey = tampering === "wrong-audience" ? "someone-elses-app" : DEV_SHOPIFY_APP.apiKey;

  switch (credential.kind) {
    case "none":
      return { url, headers };
    case "admin":
    case "pos": {
      const token = await mintSessionToken({
        caller: staffCaller(credential.kind),
        shop: credential.shop,
        apiKey,
        secret,
        now: issuedAt,
        sub: credential.staffId ?? "4201",
      });
      headers.set("authorization", `Bearer ${token}`);
      return { url, headers };
    }
    case "extension": {
      const caller = credential.surface ?? "customer-account";
      const token = await mintSessionToken({
        caller,
        shop: credential.shop,
        apiKey,
        secret,
        now: issuedAt,
        ...(credential.shopifyCustomerId
          ? { sub: `gid://shopify/Customer/${credential.shopifyCustomerId}` }
          : {}),
      });
      headers.set("authorization", `Bearer ${token}`);
      headers.set(SURFACE_HEADER, caller);
      return { url, headers };
    }
    case "proxy": {
      const signed = new URL(url);
      signed.searchParams.set("shop", credential.shop);
      signed.searchParams.set("path_prefix", "/apps/loyalnest");
      signed.searchParams.set("timestamp", String(Math.floor(issuedAt.getTime() / 1000)));
      if (credential.shopifyCustomerId)
        signed.searchParams.set("logged_in_customer_id", credential.shopifyCustomerId);
      else signed.searchParams.set("logged_in_customer_id", "");
      signed.searchParams.set("signature", signAppProxyQuery(signed.searchParams, secret));
      return { url: signed, headers };
    }
  }
}
