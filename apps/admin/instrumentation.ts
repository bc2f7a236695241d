/** Next calls this once per server start; the Node-only start-up work lives in its own module. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
