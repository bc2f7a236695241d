/**
 * A failure no retry can fix (the payload fails its schema, the topic has no handler, the job
 * is malformed): the job goes straight to the dead-letter queue instead of retrying 8 times.
 * Anything else is treated as transient and retried with backoff.
 */
export class PermanentDeliveryError extends Error {
  override name = "PermanentDeliveryError";
}

/** The message kept in `last_error` and the job's output; bounded, since errors can quote payloads. */
export function errorMessage(error: unknown): string {
  // Drizzle wraps the database's error ("Failed query: …"); its cause says what went wrong.
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
  const message = error instanceof Error ? `${error.name}: ${error.message}${cause}` : String(error);
  return message.length > 2000 ? `${message.slice(0, 2000)}…` : message;
}
