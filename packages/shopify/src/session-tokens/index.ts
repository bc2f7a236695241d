export {
  SESSION_TOKEN_CLOCK_SKEW_SECONDS,
  readBearerToken,
  verifySessionToken,
} from "./verify-session-token";
export type {
  SessionTokenRefusalReason,
  SessionTokenVerification,
  VerifiedSessionToken,
  VerifySessionTokenInput,
} from "./verify-session-token";
export { mintSessionToken } from "./mint-session-token";
export type { MintSessionTokenInput } from "./mint-session-token";
export type { SessionTokenCaller } from "./session-token-caller";
