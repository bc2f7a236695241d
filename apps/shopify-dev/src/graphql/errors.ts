/** An error a resolver raises that becomes a top-level GraphQL error (Shopify-style `extensions.code`). */
export class GraphQLUserFacingError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}
