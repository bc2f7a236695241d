export { APP_PROXY_MAX_AGE_SECONDS, APP_PROXY_MAX_FUTURE_SECONDS, verifyAppProxy } from "./verify-app-proxy";
export type {
  AppProxyRefusalReason,
  AppProxyRequest,
  AppProxyVerification,
  VerifyAppProxyInput,
} from "./verify-app-proxy";
export { appProxySigningMessage, signAppProxyQuery } from "./app-proxy-signature";
export type { AppProxyQueryParams, AppProxyQuerySource } from "./query-params";
