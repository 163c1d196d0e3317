import { beforeAll, describe, expect, it } from 'vitest';
import { answeredBy, getCluster, untilNginxReachesAll } from './cluster.ts';
import { scaleOrganization } from './scale-organization.ts';
import { trpcCall } from './trpc-call.ts';

const cluster = await getCluster();
beforeAll(() => untilNginxReachesAll(cluster));

describe('the per-user rate limit across instances (RATE_LIMIT_STORE=postgres)', () => {
  it('refuses the call past the limit, whichever instance takes it', async () => {
    const { requests: limit } = cluster.rateLimit;
    const org = scaleOrganization(cluster, 2);
    const token = org.token(0);
    const perInstance = new Map<number, number>();
    for (let i = 0; i < limit; i++) {
      const call = await trpcCall(cluster.nginxUrl, 'me.session', { token });
      expect(call.status, `call ${i + 1} of ${limit}`).toBe(200);
      const { index } = answeredBy(cluster, call.headers);
      perInstance.set(index, (perInstance.get(index) ?? 0) + 1);
    }
    // Spread over every instance: each alone has seen fewer than the limit.
    expect(perInstance.size).toBe(cluster.instances.length);

    const refused = await trpcCall(cluster.nginxUrl, 'me.session', { token });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    for (const instance of cluster.instances) {
      expect((await trpcCall(instance.url, 'me.session', { token })).status).toBe(429);
    }
    // Per user: another member of the same organization is not limited.
    expect((await trpcCall(cluster.nginxUrl, 'me.session', { token: org.token(1) })).status).toBe(
      200,
    );
  });
});
