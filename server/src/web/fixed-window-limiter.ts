/**
 * An in-memory fixed-window counter (the model express-rate-limit's memory store uses):
 * each key may spend `limit` hits per window; the window starts at the key's first hit.
 */
export function createFixedWindowLimiter(options: {
  limit: number;
  windowMs: number;
  now?: () => number;
}) {
  const { limit, windowMs, now = () => Date.now() } = options;
  const windows = new Map<string, { hits: number; resetAtMs: number }>();
  let nextSweepMs = now() + windowMs;

  /** Drops finished windows once per window, so idle keys do not pile up. */
  function sweep(at: number) {
    if (at < nextSweepMs) return;
    for (const [key, window] of windows) if (window.resetAtMs <= at) windows.delete(key);
    nextSweepMs = at + windowMs;
  }

  return {
    /** Counts a hit; `retryAfterSeconds` is set when the key is over its limit. */
    hit(key: string): { allowed: boolean; remaining: number; retryAfterSeconds: number } {
      const at = now();
      sweep(at);
      let window = windows.get(key);
      if (!window || window.resetAtMs <= at) {
        window = { hits: 0, resetAtMs: at + windowMs };
        windows.set(key, window);
      }
      window.hits += 1;
      const retryAfterSeconds = Math.max(1, Math.ceil((window.resetAtMs - at) / 1000));
      return {
        allowed: window.hits <= limit,
        remaining: Math.max(0, limit - window.hits),
        retryAfterSeconds,
      };
    },
  };
}
