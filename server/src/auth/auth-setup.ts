import type { Config } from '../env.ts';
import { loadOrCreateSigningKey, type SigningKey } from './local/signing-key.ts';
import { buildPublishableKey, frontendApiHost } from './publishable-key.ts';

/**
 * Everything Clerk's verification needs, resolved once for either auth mode.
 * Local mode swaps the issuer (our own key pair and a made-up frontend API host);
 * the checks (signature, `exp`/`nbf`/`iat`, `azp`, `iss`) stay Clerk's.
 */
export interface AuthSetup {
  mode: Config['authMode'];
  publishableKey: string;
  secretKey: string;
  /** PEM public key for networkless verification; without it Clerk fetches its JWKS. */
  jwtKey: string | undefined;
  /** `https://<frontend-api-host>`: Clerk checks `iss` only when told what to expect. */
  issuer: string;
  authorizedParties: string[];
  /** Local mode only: the key that signs session tokens. */
  signingKey: SigningKey | undefined;
}

/** A host in the reserved `.invalid` TLD: nothing can ever resolve or reach it. */
export const LOCAL_FRONTEND_API_HOST = 'clerk.tasklane.invalid';

export function createAuthSetup(
  config: Config,
  options: { signingKey?: SigningKey | undefined } = {},
): AuthSetup {
  if (config.authMode === 'clerk' && config.clerk) {
    return {
      mode: 'clerk',
      publishableKey: config.clerk.publishableKey,
      secretKey: config.clerk.secretKey,
      jwtKey: config.clerk.jwtKey,
      issuer: `https://${frontendApiHost(config.clerk.publishableKey)}`,
      authorizedParties: config.appOrigins,
      signingKey: undefined,
    };
  }
  const signingKey = options.signingKey ?? loadOrCreateSigningKey(config.dataDir);
  return {
    mode: 'local',
    // A `pk_live_` key: Clerk's dev-browser handshake only applies to `pk_test_` keys.
    publishableKey: buildPublishableKey(LOCAL_FRONTEND_API_HOST, 'live'),
    // Required to be non-empty by Clerk; never sent anywhere because `jwtKey` is set.
    secretKey: 'sk_live_tasklane_local_mode_has_no_secret_key',
    jwtKey: signingKey.publicKeyPem,
    issuer: `https://${LOCAL_FRONTEND_API_HOST}`,
    authorizedParties: config.appOrigins,
    signingKey,
  };
}
