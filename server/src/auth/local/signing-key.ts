import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The RS256 key pair local mode signs session tokens with. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  /** RSA-2048 SPKI PEM: the form Clerk's `jwtKey` option accepts. */
  publicKeyPem: string;
  publicJwk: Record<string, unknown>;
}

const KEY_FILE = 'local-auth-signing-key.pem';
const KID = 'tasklane-local';

/** The key pair of a PKCS#8 private key PEM (the key file's form). */
export function signingKeyFromPem(privatePem: string): SigningKey {
  const privateKey = createPrivateKey(privatePem);
  const publicKey = createPublicKey(privateKey);
  return {
    kid: KID,
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    publicJwk: { ...publicKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' },
  };
}

/** A fresh RSA-2048 key pair held only in memory (tests). */
export function generateSigningKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
  return signingKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
}

/**
 * The key pair persisted in `dataDir`, created on first start. Persisting it keeps tokens
 * minted before a restart valid for their 60 s, and lets several instances sharing the
 * data dir verify each other's tokens and cookies; the file is readable by its owner only.
 */
export function loadOrCreateSigningKey(dataDir: string): SigningKey {
  const file = join(dataDir, KEY_FILE);
  try {
    return signingKeyFromPem(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  return publishSigningKey(file, generateSigningKey());
}

/**
 * Writes `key` to `file` unless another process got there first, and returns the key the
 * file holds. Instances starting at once on one data dir all generate a key; exactly one
 * is published and the others read it. The key is written in full to a file of this
 * process's own, then hard-linked to its name: the link appears whole or not at all, and
 * fails with EEXIST rather than replace a key another instance already signs with (a
 * rename would replace it).
 */
export function publishSigningKey(file: string, key: SigningKey): SigningKey {
  const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(draft, key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), {
    mode: 0o600,
    flag: 'wx',
  });
  try {
    linkSync(draft, file);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return signingKeyFromPem(readFileSync(file, 'utf8'));
  } finally {
    rmSync(draft, { force: true });
  }
}
