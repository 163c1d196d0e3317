import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSigningKey, loadOrCreateSigningKey, publishSigningKey } from './signing-key.ts';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadOrCreateSigningKey', () => {
  it('creates the key file once, readable by its owner only, and loads it afterwards', () => {
    dir = mkdtempSync(join(tmpdir(), 'tasklane-key-'));
    const created = loadOrCreateSigningKey(join(dir, 'data'));
    const file = join(dir, 'data', 'local-auth-signing-key.pem');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSigningKey(join(dir, 'data')).publicKeyPem).toBe(created.publicKeyPem);
    expect(readdirSync(join(dir, 'data'))).toEqual(['local-auth-signing-key.pem']);
  });

  it('lets the first of several racing instances publish its key; the others read it', () => {
    dir = mkdtempSync(join(tmpdir(), 'tasklane-key-'));
    const file = join(dir, 'local-auth-signing-key.pem');
    const winner = generateSigningKey();
    // Each instance found no file and generated a key; they publish one after the other.
    expect(publishSigningKey(file, winner)).toBe(winner);
    const loser = publishSigningKey(file, generateSigningKey());
    expect(loser.publicKeyPem).toBe(winner.publicKeyPem);
    expect(loadOrCreateSigningKey(dir).publicKeyPem).toBe(winner.publicKeyPem);
    // No draft file is left behind.
    expect(readdirSync(dir)).toEqual(['local-auth-signing-key.pem']);
  });
});
