import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPublishableKey } from './auth/publishable-key.ts';
import {
  CONFIG_VARIABLES,
  ConfigError,
  configWarnings,
  createDataDir,
  loadConfig,
  redactUrl,
} from './env.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const clerkKeys = {
  CLERK_PUBLISHABLE_KEY: buildPublishableKey('clerk.example.com', 'test'),
  CLERK_SECRET_KEY: 'sk_test_abc',
};

/** The message loadConfig refuses `env` with. */
function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('defaults to local auth mode with origins derived from PORT', () => {
    const config = loadConfig({ PORT: '4000' });
    expect(config.authMode).toBe('local');
    expect(config.port).toBe(4000);
    expect(config.appOrigins).toContain('http://localhost:4000');
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it('switches to clerk mode when Clerk keys are set', () => {
    const config = loadConfig({
      CLERK_PUBLISHABLE_KEY: buildPublishableKey('clerk.example.com', 'live'),
      CLERK_SECRET_KEY: 'sk_live_abc',
      APP_ORIGINS: 'https://app.example.com',
      NODE_ENV: 'production',
    });
    expect(config.authMode).toBe('clerk');
    expect(config.appOrigins).toEqual(['https://app.example.com']);
  });

  it('runs on Express unless TASKLANE_HOST names another host', () => {
    expect(loadConfig({}).hostKind).toBe('express');
    expect(loadConfig({ TASKLANE_HOST: 'fastify' }).hostKind).toBe('fastify');
    expect(loadConfig({ TASKLANE_HOST: ' fetch ' }).hostKind).toBe('fetch');
  });

  it('counts requests in memory unless RATE_LIMIT_STORE=postgres, which needs DATABASE_URL', () => {
    expect(loadConfig({}).rateLimitStore).toBe('memory');
    const url = 'postgres://u@127.0.0.1:5432/db';
    expect(loadConfig({ RATE_LIMIT_STORE: 'postgres', DATABASE_URL: url }).rateLimitStore).toBe(
      'postgres',
    );
  });

  it.each([
    [{ PORT: 'abc' }, /PORT: expected a port number.*\(got "abc"\)/],
    [
      { RATE_LIMIT_STORE: 'redis' },
      /RATE_LIMIT_STORE: expected one of memory, postgres \(default memory\).*\(got "redis"\)/,
    ],
    [{ RATE_LIMIT_STORE: 'postgres' }, /RATE_LIMIT_STORE: postgres .* set DATABASE_URL/],
    [{ PORT: '70000' }, /PORT: expected a port between 0 and 65535/],
    [{ APP_ORIGINS: 'http://x.test/path' }, /APP_ORIGINS: expected an origin without path/],
    [{ CLERK_SECRET_KEY: 'nope' }, /CLERK_SECRET_KEY: expected a Clerk secret key/],
    [{ CLERK_SECRET_KEY: 'sk_test_x' }, /CLERK_PUBLISHABLE_KEY: required in clerk auth mode/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: expected a PostgreSQL URL/],
    [
      { TASKLANE_HOST: 'koa' },
      /TASKLANE_HOST: expected one of express, fastify, fetch.*\(got "koa"\)/,
    ],
    [
      { NODE_ENV: 'production' },
      /CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY: required with NODE_ENV=production/,
    ],
    [{ NODE_ENV: 'staging' }, /NODE_ENV: expected one of development, test, production/],
  ])('refuses %o with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('loadConfig: development only when asked for', () => {
  it('treats NODE_ENV unset (npm start) as not development', () => {
    const config = loadConfig({});
    expect(config.nodeEnv).toBeUndefined();
    expect(config.nodeEnv).not.toBe('development');
    expect(config.appOrigins).toEqual(['http://localhost:3000', 'http://127.0.0.1:3000']);
  });

  it("gives NODE_ENV=development (npm run dev) its error details and Vite's origins", () => {
    const config = loadConfig({ NODE_ENV: 'development' });
    expect(config.nodeEnv).toBe('development');
    expect(config.appOrigins).toContain('http://127.0.0.1:5173');
  });

  it('keeps local mode under npm start', () => {
    expect(loadConfig({}).authMode).toBe('local');
  });
});

describe('loadConfig: a blank variable is an unset one', () => {
  it.each(['', '  '])('applies every default when every variable is %j', (blank) => {
    const env = Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, blank]));
    expect(loadConfig(env)).toEqual(loadConfig({}));
  });

  it('keeps rate limiting on and the port at 3000 for RATE_LIMIT_REQUESTS= and PORT=', () => {
    const config = loadConfig({ RATE_LIMIT_REQUESTS: '', PORT: '' });
    expect(config.rateLimit.limit).toBe(600);
    expect(config.port).toBe(3000);
  });
});

describe('loadConfig: messages never print a secret', () => {
  it.each([
    ['CLERK_SECRET_KEY', 'hunter2secret'],
    ['CLERK_PUBLISHABLE_KEY', 'sk_live_hunter2secret'],
    ['CLERK_JWT_KEY', 'sk_live_hunter2secret'],
    ['CLERK_WEBHOOK_SIGNING_SECRET', 'hunter2secret'],
  ])('names %s without its value', (name, value) => {
    const message = refusal({ ...clerkKeys, [name]: value });
    expect(message).toContain(`${name}: expected`);
    expect(message).toContain(`(got ${value.length} characters, not shown)`);
    expect(message).not.toContain('hunter2');
  });

  it('shows DATABASE_URL with the password replaced: mysql://u:***@h/db', () => {
    const message = refusal({ DATABASE_URL: 'mysql://u:hunter2@h/db' });
    expect(message).toContain('DATABASE_URL: expected a PostgreSQL URL');
    expect(message).toContain('(got "mysql://u:***@h/db")');
    expect(message).not.toContain('hunter2');
  });

  it.each([
    ['postgres://u:p@ss/w0rd@h:5432/db', 'postgres://u:***@h:5432/db'],
    ['postgres://h/db?user=u&password=hunter2', 'postgres://h/db?user=u&password=***'],
    ['u:hunter2@h/db', 'u:***@h/db'],
    ['postgres://u@h:5432/db', 'postgres://u@h:5432/db'],
  ])('redacts %s as %s', (url, redacted) => {
    expect(redactUrl(url)).toBe(redacted);
  });
});

describe('loadConfig: NODE_ENV=production without Clerk keys', () => {
  it('names the keys to set and does not blame AUTH_MODE, which was not set', () => {
    const message = refusal({ NODE_ENV: 'production' });
    expect(message).toContain('CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY: required');
    expect(message).not.toContain('AUTH_MODE');
  });

  it('blames AUTH_MODE when AUTH_MODE=local asked for local mode', () => {
    expect(refusal({ NODE_ENV: 'production', AUTH_MODE: 'local' })).toMatch(
      /^Invalid configuration:\n {2}AUTH_MODE: local auth mode .* refuses to run with NODE_ENV=production/,
    );
  });
});

describe('DATA_DIR', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'tasklane-env-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('resolves a relative DATA_DIR from the repository root, not the working directory', () => {
    expect(loadConfig({ DATA_DIR: './reldata' }).dataDir).toBe(join(repoRoot, 'reldata'));
    expect(loadConfig({}).dataDir).toBe(join(repoRoot, '.data'));
    expect(loadConfig({ DATA_DIR: '/srv/tasklane' }).dataDir).toBe('/srv/tasklane');
  });

  it('gives a data dir it creates a .gitignore that ignores everything in it', () => {
    const dir = join(scratch, 'a', 'b');
    createDataDir(dir);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
  });

  it('leaves a directory that already exists as it is', () => {
    const dir = join(scratch, 'existing');
    mkdirSync(dir);
    createDataDir(dir);
    expect(existsSync(join(dir, '.gitignore'))).toBe(false);
  });
});

describe('configWarnings', () => {
  it('warns once, naming CLERK_JWT_KEY, when clerk mode would fetch JWKS over the network', () => {
    const warnings = configWarnings(loadConfig(clerkKeys));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/CLERK_JWT_KEY is not set.*network.*set it/);
    expect(warnings[0]).not.toContain('\n');
  });

  it('has nothing to say with CLERK_JWT_KEY set, or in local mode', () => {
    const jwtKey = '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----';
    expect(configWarnings(loadConfig({ ...clerkKeys, CLERK_JWT_KEY: jwtKey }))).toEqual([]);
    expect(configWarnings(loadConfig({}))).toEqual([]);
  });

  it('says that RATE_LIMIT_STORE=postgres leaves the Fastify and fetch hosts counting in memory', () => {
    const env = { RATE_LIMIT_STORE: 'postgres', DATABASE_URL: 'postgres://u@127.0.0.1/db' };
    expect(configWarnings(loadConfig(env))).toEqual([]);
    const warnings = configWarnings(loadConfig({ ...env, TASKLANE_HOST: 'fastify' }));
    expect(warnings).toEqual([expect.stringMatching(/Express host only.*fastify.*memory/)]);
  });
});
