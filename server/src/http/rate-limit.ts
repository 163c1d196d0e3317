import { getAuth } from '@clerk/express';
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import type { Config } from '../env.ts';
import { RATE_LIMITED_BODY } from '../web/rate-limit-policy.ts';
import { PostgresRateLimitStore } from './postgres-rate-limit-store.ts';

export interface RateLimitOptions {
  /** Requests allowed per window and key; 0 switches the limiter off. */
  limit: number;
  windowMs: number;
  /**
   * Where counts live. In memory by default (one instance); several API instances share a
   * limit through a shared store: `configuredRateLimitStore()` for RATE_LIMIT_STORE.
   */
  store?: Store;
}

/**
 * The store RATE_LIMIT_STORE asks for: undefined for `memory` (express-rate-limit's own) or
 * with the limiter off, the `rate_limits` table of DATABASE_URL for `postgres`.
 */
export function configuredRateLimitStore(config: Config): Store | undefined {
  if (config.rateLimitStore !== 'postgres' || config.rateLimit.limit <= 0) return undefined;
  if (!config.databaseUrl) throw new Error('RATE_LIMIT_STORE=postgres needs DATABASE_URL');
  return new PostgresRateLimitStore(config.databaseUrl, { windowMs: config.rateLimit.windowMs });
}

/**
 * Per-user rate limiting for the API (per IP when signed out). Runs after Clerk's
 * middleware so it can key on the verified user id, never on a claim it did not check.
 * A refused call answers 429 with `Retry-After` and a tRPC-shaped JSON error.
 */
export function apiRateLimit(options: RateLimitOptions): RequestHandler {
  if (options.limit <= 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    // Every host answers alike: no informational RateLimit headers, `Retry-After` on 429
    // (set below). It also spares a hash of the key per request.
    standardHeaders: false,
    legacyHeaders: false,
    ...(options.store ? { store: options.store } : {}),
    keyGenerator: (req) => {
      const { userId } = getAuth(req);
      return userId ? `user:${userId}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    handler: (req, res) => {
      const resetTime = (req as typeof req & { rateLimit?: { resetTime?: Date } }).rateLimit
        ?.resetTime;
      const waitMs = resetTime ? resetTime.getTime() - Date.now() : options.windowMs;
      res.setHeader('retry-after', String(Math.max(1, Math.ceil(waitMs / 1000))));
      res.status(429).json(RATE_LIMITED_BODY);
    },
  });
}
