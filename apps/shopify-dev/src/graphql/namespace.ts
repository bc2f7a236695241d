/** `$app` and `$app:sub` are the app-reserved namespaces; Shopify stores them as `app--{id}[--sub]`. */
export function resolveNamespace(namespace: unknown, appId: number): string {
  const ns = typeof namespace === "string" && namespace !== "" ? namespace : "$app";
  if (ns === "$app") return `app--${appId}`;
  if (ns.startsWith("$app:")) return `app--${appId}--${ns.slice(5)}`;
  return ns;
}

/** A stable numeric app id derived from the API key. */
export function appIdFor(apiKey: string): number {
  let h = 0;
  for (const ch of apiKey) h = (h * 31 + ch.charCodeAt(0)) % 1_000_000_000;
  return h;
}
