/** An offline access token and the refresh token that replaces it (expiring offline tokens). */
export interface OfflineTokenPair {
  accessToken: string;
  /** Null only for a legacy non-expiring token. */
  accessTokenExpiresAt: Date | null;
  refreshToken: string | null;
  refreshTokenExpiresAt: Date | null;
  scope: string | null;
}

/** The app's credentials from the Partner dashboard (client id = API key). */
export interface AppCredentials {
  clientId: string;
  clientSecret: string;
}
