import { randomUUID } from 'node:crypto';
import { ROLE_PERMISSIONS } from '@tasklane/shared';
import { LOCAL_FRONTEND_API_HOST } from '../auth/auth-setup.ts';
import { mintSessionToken } from '../auth/local/session-token.ts';
import { loadOrCreateSigningKey } from '../auth/local/signing-key.ts';
import type { ScaleCluster } from './cluster.ts';

/**
 * A fresh organization with `size` admins, whose tokens the test mints with the key the
 * instances share (DATA_DIR): the same tokens `/auth/local/token` mints, for ids no other
 * test uses, so each test has rate-limit counts and a board of its own. The instances
 * mirror the users and the organization on their first call.
 */
export function scaleOrganization(cluster: ScaleCluster, size = 1) {
  const key = loadOrCreateSigningKey(cluster.dataDir);
  const suffix = randomUUID().slice(0, 8);
  const org = { id: `org_scale_${suffix}`, slug: `scale-${suffix}` };
  const userIds = Array.from({ length: size }, (_, n) => `user_scale_${suffix}_${n}`);

  /** A fresh 60 s token for member `n` (a new one per call, as the SPA refreshes). */
  function token(n = 0): string {
    const userId = userIds[n];
    if (!userId) throw new Error(`the organization has ${size} members`);
    return mintSessionToken(key, {
      userId,
      sessionId: `sess_scale_${suffix}_${n}`,
      authorizedParty: cluster.nginxUrl,
      issuer: `https://${LOCAL_FRONTEND_API_HOST}`,
      organization: {
        ...org,
        role: 'org:admin',
        permissions: ROLE_PERMISSIONS['org:admin'],
      },
    });
  }

  return { org, userIds, token };
}

export type ScaleOrganization = ReturnType<typeof scaleOrganization>;
