import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
 * minted before a restart valid for their 60 s (sessions end with the process: see
 * session-registry.ts); the file is readable by its owner only.
 */
export function loadOrCreateSigningKey(dataDir: string): SigningKey {
  const file = join(dataDir, KEY_FILE);
  try {
    return signingKeyFromPem(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = generateSigningKey();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), {
    mode: 0o600,
    flag: 'wx',
  });
  return key;
}
