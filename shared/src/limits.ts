/** Limits the server enforces and the client respects: defined once, here. */

/** Most procedure calls in one batched HTTP request (the client's `httpBatchLink` `maxItems`). */
export const MAX_BATCH_SIZE = 10;

/** Largest request body the API reads by default (`MAX_BODY_BYTES` overrides it); 413 beyond. */
export const DEFAULT_MAX_BODY_BYTES = 100 * 1024;
