import { beforeAll, describe, expect, it } from 'vitest';
import { answeredBy, getCluster, untilNginxReachesAll } from './cluster.ts';
import { trpcCall } from './trpc-call.ts';

const cluster = await getCluster();
beforeAll(() => untilNginxReachesAll(cluster));

/** A tiny browser of the SPA's origin (nginx's): it keeps the local session cookie. */
function browser() {
  let cookie = '';
  return async (baseUrl: string, path: string) => {
    const res = await fetch(`${baseUrl}/auth/local/${path}`, {
      method: 'POST',
      headers: { origin: cluster.nginxUrl, 'content-type': 'application/json', cookie },
      body: JSON.stringify(path === 'sign-in' ? { userId: 'user_demo_max' } : {}),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0] ?? '';
    const text = await res.text();
    const json = text ? (JSON.parse(text) as { sessionId: string; token: string }) : undefined;
    return { status: res.status, json, headers: res.headers };
  };
}

async function whoami(baseUrl: string, token: string) {
  const { status, data } = await trpcCall<{ userId: string | null }>(baseUrl, 'me.whoami', {
    token,
  });
  expect(status).toBe(200);
  return data?.userId;
}

describe('local sign-in across instances', () => {
  it('signs in on one instance; the others refresh the session, and sign-out ends it on all', async () => {
    const [a, b, c] = cluster.instances;
    const post = browser();
    const signIn = await post(a!.url, 'sign-in');
    expect(signIn.status).toBe(200);
    for (const instance of [b!, c!]) {
      const refreshed = await post(instance.url, 'token');
      expect(refreshed.status).toBe(200);
      expect(refreshed.json?.sessionId).toBe(signIn.json?.sessionId);
      // A token one instance minted passes Clerk's checks on another.
      expect(await whoami(a!.url, refreshed.json!.token)).toBe('user_demo_max');
    }
    expect((await post(c!.url, 'sign-out')).status).toBe(204);
    expect((await post(a!.url, 'token')).status).toBe(401);
  });

  it('through nginx: every token refresh succeeds, whichever instance answers', async () => {
    const post = browser();
    const signIn = await post(cluster.nginxUrl, 'sign-in');
    expect(signIn.status).toBe(200);
    const answering = new Set([answeredBy(cluster, signIn.headers).index]);
    // Round robin: a few refreshes reach every instance; each must know the session.
    for (let i = 0; i < 2 * cluster.instances.length; i++) {
      const refreshed = await post(cluster.nginxUrl, 'token');
      expect(refreshed.status).toBe(200);
      expect(refreshed.json?.sessionId).toBe(signIn.json?.sessionId);
      expect(await whoami(cluster.nginxUrl, refreshed.json!.token)).toBe('user_demo_max');
      answering.add(answeredBy(cluster, refreshed.headers).index);
    }
    expect(answering.size).toBe(cluster.instances.length);
  });
});
