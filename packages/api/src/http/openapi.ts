import { generateOpenApiDocument, type OpenAPIObject } from "trpc-to-openapi";
import { appRouter } from "../routers/app-router";

const DESCRIPTION = `LoyalNest's shopper and POS operations as REST, for headless storefronts and POS clients.

Authentication, by caller:
- **Headless storefront / customer account**: \`Authorization: Bearer <session token>\` from a Shopify
  customer-account or checkout extension (HS256 JWT signed with the app secret; \`sub\` is the customer GID).
  Requests forwarded by Shopify's app proxy may instead carry the proxy's signed query parameters.
- **POS**: \`Authorization: Bearer <POS session token>\` from the POS UI extension.

Errors are JSON \`{ message, code, issues }\` with a 4xx status for anything the caller can fix.`;

let cached: { base: string; doc: OpenAPIObject } | null = null;

/** The OpenAPI 3.1 document for every procedure that declares an `openapi` route. */
export function openApiDocument(requestUrl: string): OpenAPIObject {
  const base = `${new URL(requestUrl).origin}/api/rest`;
  if (cached?.base === base) return cached.doc;
  const doc = generateOpenApiDocument(appRouter, {
    title: "LoyalNest shopper and POS API",
    description: DESCRIPTION,
    version: "1.0.0",
    baseUrl: base,
    tags: ["shopper", "pos"],
    securitySchemes: {
      Authorization: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
    },
  });
  cached = { base, doc };
  return doc;
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/**
 * A self-contained reference page (no CDN: the docs must render offline): each operation with its
 * method, path, summary, and its request and response schemas.
 */
export function renderApiDocsPage(doc: OpenAPIObject): string {
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, { summary?: string; description?: string; tags?: string[] }>).map(
      ([method, op]) => ({ path, method: method.toUpperCase(), op }),
    ),
  );
  const rows = operations
    .map(
      ({ path, method, op }) => `<section class="op">
  <h2><span class="method">${escape(method)}</span> <code>${escape(path)}</code></h2>
  <p>${escape(op.summary ?? "")}</p>${op.description ? `\n  <p>${escape(op.description)}</p>` : ""}
  <details><summary>Schema</summary><pre>${escape(JSON.stringify(op, null, 2))}</pre></details>
</section>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(doc.info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#202223}
.method{display:inline-block;min-width:4.5em;font-size:.8em;padding:.1em .4em;border-radius:4px;background:#e3f1df}
pre{background:#f6f6f7;padding:1rem;overflow:auto;font-size:12px}.op{border-top:1px solid #e1e3e5;padding:.5rem 0}</style>
</head><body>
<h1>${escape(doc.info.title)} <small>${escape(doc.info.version)}</small></h1>
<p style="white-space:pre-line">${escape(doc.info.description ?? "")}</p>
<p><a href="/api/docs/openapi.json">openapi.json</a></p>
${rows}
</body></html>`;
}
