import { describe, expect, it } from 'vitest';
import { buildPublishableKey } from './auth/publishable-key.ts';
import { ConfigError, loadConfig } from './env.ts';

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

  it.each([
    [{ PORT: 'abc' }, /PORT: expected a port number.*\(got "abc"\)/],
    [{ PORT: '70000' }, /PORT: expected a port between 0 and 65535/],
    [{ APP_ORIGINS: 'http://x.test/path' }, /APP_ORIGINS: expected an origin without path/],
    [{ CLERK_SECRET_KEY: 'nope' }, /CLERK_SECRET_KEY: expected a Clerk secret key/],
    [{ CLERK_SECRET_KEY: 'sk_test_x' }, /CLERK_PUBLISHABLE_KEY: required in clerk auth mode/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: expected a PostgreSQL URL/],
    [
      { TASKLANE_HOST: 'koa' },
      /TASKLANE_HOST: expected one of express, fastify, fetch.*\(got "koa"\)/,
    ],
    [{ NODE_ENV: 'production' }, /local auth mode .* refuses to run with NODE_ENV=production/],
  ])('refuses %o with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
