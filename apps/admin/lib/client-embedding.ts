/** The embedding facts the browser shell needs (lib/embedding.ts decides them on the server). */
export type ClientEmbedding = { mode: "app-bridge" } | { mode: "stand-in"; devFrameUrl: string };
