import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MAX_BODY_BYTES } from '@tasklane/shared';
import { z } from 'zod';

/**
 * Configuration, parsed once at start-up. Every variable is described here and in
 * README.md; a bad one stops start-up with a message that names it (see ConfigError).
 * A blank variable (`PORT=`) counts as unset, so a half-edited `.env` line keeps the default
 * instead of switching something off.
 */

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The HTTP frameworks Tasklane can run on (TASKLANE_HOST). They serve the same router, gates
 * and endpoints; see hosts/create-host.ts.
 */
export const HOST_KINDS = ['express', 'fastify', 'fetch'] as const;
export type HostKind = (typeof HOST_KINDS)[number];

/**
 * Where the API's rate limit counts requests (RATE_LIMIT_STORE): in this process's memory,
 * or in the PostgreSQL of DATABASE_URL, so several instances enforce one limit.
 */
export const RATE_LIMIT_STORES = ['memory', 'postgres'] as const;
export type RateLimitStoreKind = (typeof RATE_LIMIT_STORES)[number];

const origin = z
  .string()
  .trim()
  .refine((value) => {
    try {
      return new URL(value).origin === value;
    } catch {
      return false;
    }
  }, 'an origin without path or trailing slash, e.g. http://localhost:3000');

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const envSchema = z.object({
  // No default: error details are shown only when development is asked for (`npm run dev`).
  NODE_ENV: z
    .enum(['development', 'test', 'production'], {
      error: 'one of development, test, production (or unset)',
    })
    .optional(),
  HOST: z.string().trim().default('127.0.0.1'),
  PORT: z.coerce
    .number({ error: 'a port number, e.g. PORT=3000' })
    .int('a whole port number, e.g. PORT=3000')
    .min(0, 'a port between 0 and 65535')
    .max(65535, 'a port between 0 and 65535')
    .default(3000),
  APP_ORIGINS: optionalString.pipe(
    z
      .string()
      .transform((value) => value.split(',').map((part) => part.trim()))
      .pipe(z.array(origin).min(1))
      .optional(),
  ),
  AUTH_MODE: optionalString.pipe(z.enum(['clerk', 'local']).optional()),
  CLERK_PUBLISHABLE_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^pk_(test|live)_[A-Za-z0-9+/=]+$/, 'a Clerk publishable key, pk_test_… or pk_live_…')
      .optional(),
  ),
  CLERK_SECRET_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^sk_(test|live)_\S+$/, 'a Clerk secret key, sk_test_… or sk_live_…')
      .optional(),
  ),
  CLERK_JWT_KEY: optionalString.pipe(
    z
      .string()
      .refine(
        (value) => value.includes('BEGIN PUBLIC KEY'),
        'the PEM public key from Clerk (Dashboard → API keys → JWT public key)',
      )
      .optional(),
  ),
  CLERK_WEBHOOK_SIGNING_SECRET: optionalString.pipe(
    z
      .string()
      .regex(
        /^whsec_[A-Za-z0-9+/=]+$/,
        'a webhook signing secret, whsec_… (Clerk dashboard → Webhooks)',
      )
      .optional(),
  ),
  RATE_LIMIT_REQUESTS: z.coerce
    .number({ error: 'a whole number of requests, e.g. RATE_LIMIT_REQUESTS=600 (0 = off)' })
    .int('a whole number of requests, e.g. RATE_LIMIT_REQUESTS=600 (0 = off)')
    .min(0, 'a whole number of requests, e.g. RATE_LIMIT_REQUESTS=600 (0 = off)')
    .default(600),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce
    .number({ error: 'seconds, e.g. RATE_LIMIT_WINDOW_SECONDS=60' })
    .int('whole seconds, e.g. RATE_LIMIT_WINDOW_SECONDS=60')
    .min(1, 'at least 1 second, e.g. RATE_LIMIT_WINDOW_SECONDS=60')
    .default(60),
  RATE_LIMIT_STORE: optionalString.pipe(
    z
      .enum(RATE_LIMIT_STORES, {
        error: `one of ${RATE_LIMIT_STORES.join(', ')} (default memory)`,
      })
      .optional(),
  ),
  MAX_BODY_BYTES: z.coerce
    .number({ error: 'a size in bytes, e.g. MAX_BODY_BYTES=102400' })
    .int('a whole number of bytes, e.g. MAX_BODY_BYTES=102400')
    .min(1024, 'at least 1024 bytes, e.g. MAX_BODY_BYTES=102400')
    .default(DEFAULT_MAX_BODY_BYTES),
  TASKLANE_HOST: optionalString.pipe(
    z.enum(HOST_KINDS, { error: `one of ${HOST_KINDS.join(', ')} (default express)` }).optional(),
  ),
  DATA_DIR: optionalString,
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'a PostgreSQL URL, e.g. postgres://user:pass@host:5432/db')
      .optional(),
  ),
});

/** Every variable the configuration reads. */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape) as (keyof typeof envSchema.shape)[];

export type AuthMode = 'clerk' | 'local';

export interface Config {
  /**
   * `NODE_ENV` as set; unset under `npm start`. Only `development` shows error details and
   * Clerk's `x-clerk-auth-*` reasons; only `production` refuses local mode.
   */
  nodeEnv: 'development' | 'test' | 'production' | undefined;
  /** Which HTTP host serves the app: Express (default), Fastify, or the web fetch handler. */
  hostKind: HostKind;
  host: string;
  port: number;
  /** Origins of the SPA: the CORS allowlist and Clerk's `authorizedParties` (token `azp`). */
  appOrigins: string[];
  authMode: AuthMode;
  clerk: { publishableKey: string; secretKey: string; jwtKey: string | undefined } | undefined;
  /** Verifies `POST /webhooks/clerk`; without it the endpoint answers 503. */
  webhookSigningSecret: string | undefined;
  /** API requests per user (per IP when signed out) per window; 0 = no limit. */
  rateLimit: { limit: number; windowMs: number };
  /**
   * Where the Express host counts requests: `memory` (one instance) or `postgres` (the
   * `rate_limits` table of `databaseUrl`, shared by every instance on it).
   */
  rateLimitStore: RateLimitStoreKind;
  /** Largest request body the API reads (413 beyond). */
  maxBodyBytes: number;
  /** Where the embedded database and the local signing key live: absolute. */
  dataDir: string;
  databaseUrl: string | undefined;
}

/**
 * Loads `.env` from the repository root into `process.env`, if the file exists (see
 * `.env.example`). Variables already set in the environment win over the file.
 */
export function loadDotEnv(file = `${repoRoot}.env`) {
  try {
    process.loadEnvFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** A configuration problem; its message is meant for the person starting the server. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Variables whose values never appear in a message: secrets, and keys a secret may be pasted into. */
const HIDDEN = /KEY|SECRET|TOKEN|PASSWORD/;

/**
 * A URL's password, wherever it is, replaced by `***`: `mysql://u:***@h/db`. Works on
 * strings that are no valid URL too, since those are the ones error messages quote.
 */
export function redactUrl(value: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value)?.[0] ?? '';
  // user:password@ up to the last `@`, since an unencoded password may hold `@` or `/`.
  const rest = value
    .slice(scheme.length)
    .replace(/^([^:@/]*):.*@(?=[^@]*$)/s, '$1:***@')
    .replace(/([?&]password=)[^&]*/gi, '$1***');
  return scheme + rest;
}

/** How a refused value is quoted in a message: secrets by their length only. */
function quoted(name: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') return ' (not set)';
  if (HIDDEN.test(name)) return ` (got ${value.length} characters, not shown)`;
  return ` (got "${redactUrl(value)}")`;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Blank means unset, for every variable: the default applies.
  const given = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      return `  ${name}: expected ${issue.message}${quoted(name, given[name])}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const hasClerkKeys = Boolean(e.CLERK_PUBLISHABLE_KEY || e.CLERK_SECRET_KEY);
  const authMode: AuthMode = e.AUTH_MODE ?? (hasClerkKeys ? 'clerk' : 'local');

  let clerk: Config['clerk'];
  if (authMode === 'clerk') {
    const missing = (['CLERK_PUBLISHABLE_KEY', 'CLERK_SECRET_KEY'] as const).filter((k) => !e[k]);
    if (missing.length > 0) {
      throw new ConfigError(
        `Invalid configuration:\n  ${missing.join(', ')}: required in clerk auth mode (copy it from the Clerk dashboard → API keys), or unset the Clerk variables to use local mode`,
      );
    }
    clerk = {
      publishableKey: e.CLERK_PUBLISHABLE_KEY!,
      secretKey: e.CLERK_SECRET_KEY!,
      jwtKey: e.CLERK_JWT_KEY,
    };
  } else if (e.NODE_ENV === 'production') {
    // Blame what was set: AUTH_MODE=local if it was, otherwise the missing Clerk keys.
    throw new ConfigError(
      e.AUTH_MODE
        ? 'Invalid configuration:\n  AUTH_MODE: local auth mode signs in anyone as a demo user and refuses to run with NODE_ENV=production; set CLERK_PUBLISHABLE_KEY and CLERK_SECRET_KEY and unset AUTH_MODE'
        : 'Invalid configuration:\n  CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY: required with NODE_ENV=production (copy them from the Clerk dashboard → API keys); without them the server would run in local auth mode, which signs in anyone as a demo user and refuses to run with NODE_ENV=production',
    );
  }

  const rateLimitStore = e.RATE_LIMIT_STORE ?? 'memory';
  if (rateLimitStore === 'postgres' && !e.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  RATE_LIMIT_STORE: postgres keeps the request counts in the PostgreSQL of DATABASE_URL; set DATABASE_URL, or RATE_LIMIT_STORE=memory for counts in this process',
    );
  }

  // Vite's dev server (`npm run dev`) is the SPA's origin only in development.
  const devOrigins =
    e.NODE_ENV === 'development' ? ['http://localhost:5173', 'http://127.0.0.1:5173'] : [];
  return {
    nodeEnv: e.NODE_ENV,
    hostKind: e.TASKLANE_HOST ?? 'express',
    host: e.HOST,
    port: e.PORT,
    appOrigins: e.APP_ORIGINS ?? [
      `http://localhost:${e.PORT}`,
      `http://127.0.0.1:${e.PORT}`,
      ...devOrigins,
    ],
    authMode,
    clerk,
    webhookSigningSecret: e.CLERK_WEBHOOK_SIGNING_SECRET,
    rateLimit: { limit: e.RATE_LIMIT_REQUESTS, windowMs: e.RATE_LIMIT_WINDOW_SECONDS * 1000 },
    rateLimitStore,
    maxBodyBytes: e.MAX_BODY_BYTES,
    // From the repository root, whichever directory npm runs the server in.
    dataDir: resolve(repoRoot, e.DATA_DIR ?? '.data'),
    databaseUrl: e.DATABASE_URL,
  };
}

/** What start-up should warn about: a configuration that works, but not as one may expect. */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (config.clerk && !config.clerk.jwtKey) {
    warnings.push(
      "Warning: CLERK_JWT_KEY is not set, so every token check needs Clerk's JWKS over the network; set it to the PEM public key (Clerk dashboard → API keys → JWT public key) to verify without it.",
    );
  }
  if (config.rateLimitStore === 'postgres' && config.hostKind !== 'express') {
    warnings.push(
      `Warning: RATE_LIMIT_STORE=postgres applies to the Express host only; TASKLANE_HOST=${config.hostKind} counts requests in this process's memory.`,
    );
  }
  return warnings;
}

/**
 * Creates the data dir if it is missing, with a `.gitignore` of `*` in it: a DATA_DIR inside
 * the repository keeps the database and the local signing key (a private key) out of git.
 * A directory that already exists is left as it is: it may be anyone's.
 */
export function createDataDir(dir: string) {
  if (mkdirSync(dir, { recursive: true }) === undefined) return;
  writeFileSync(
    join(dir, '.gitignore'),
    '# Written by Tasklane: the database and signing key in here stay out of git.\n*\n',
  );
}
